import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { PALETTE_FEATURES, PALETTE_PEOPLE, searchTeam } from "@/lib/search/queries";
import { paletteSearchSchema, SEARCH_TEXT_MAX } from "@/lib/search/schemas";
import { createTeamWithRoles, createUser } from "@/tests/fixtures";

// The palette's search: the caller's team only, bounded, and what the user
// typed is matched as text (LIKE's wildcards included).

async function features(teamId: string, titles: string[]) {
  for (const title of titles) await db.feature.create({ data: { teamId, title, summary: "For the palette's search" } });
}

describe("searching a team from the palette", () => {
  it("finds the team's features by part of the title, starts-with first, and never another team's", async () => {
    const f = await createTeamWithRoles();
    const other = await createTeamWithRoles();
    await features(f.team.id, ["Fraud score v2", "Churn-risk badge", "Score explanations", "Delivery ETA"]);
    await features(other.team.id, ["Fraud score v3"]);

    const found = await searchTeam(f.team.id, "SCORE");
    expect(found.features.map((x) => x.title)).toEqual(["Score explanations", "Fraud score v2"]);
    expect(found.features[0]).toMatchObject({ stage: "IDEA" });
    expect((await searchTeam(f.team.id, "v3")).features).toEqual([]);
  });

  it("matches % and _ literally", async () => {
    const f = await createTeamWithRoles();
    await features(f.team.id, ["Recall at 100% of stores", "feature_flags cleanup", "featureXflags"]);
    expect((await searchTeam(f.team.id, "%")).features.map((x) => x.title)).toEqual(["Recall at 100% of stores"]);
    expect((await searchTeam(f.team.id, "e_f")).features.map((x) => x.title)).toEqual(["feature_flags cleanup"]);
    expect((await searchTeam(f.team.id, "\\")).features).toEqual([]);
  });

  it("returns a bounded number of features and people", async () => {
    const f = await createTeamWithRoles();
    await features(f.team.id, Array.from({ length: PALETTE_FEATURES + 3 }, (_, i) => `Ranking model ${i}`));
    for (let i = 0; i < PALETTE_PEOPLE + 2; i++) {
      const user = await createUser("ranker");
      await db.membership.create({ data: { teamId: f.team.id, userId: user.id, roles: ["DEV"] } });
    }
    const found = await searchTeam(f.team.id, "rank");
    expect(found.features).toHaveLength(PALETTE_FEATURES);
    expect(found.people).toHaveLength(PALETTE_PEOPLE);
  });

  it("finds the team's people by name or email, with their roles, and no one outside the team", async () => {
    const f = await createTeamWithRoles();
    const outsider = f.outsider;
    const byEmail = await searchTeam(f.team.id, f.members.QA.email.slice(0, 12));
    expect(byEmail.people).toEqual([expect.objectContaining({ id: f.members.QA.id, roles: ["QA"] })]);
    expect((await searchTeam(f.team.id, outsider.email)).people).toEqual([]);
    // Every member's email holds "@": a wildcard typed is not "anything".
    expect((await searchTeam(f.team.id, "_%")).people).toEqual([]);
  });

  it("finds nothing for empty text", async () => {
    const f = await createTeamWithRoles();
    await features(f.team.id, ["Anything"]);
    expect(await searchTeam(f.team.id, "")).toEqual({ features: [], people: [] });
  });
});

describe("the palette's search input", () => {
  it("is trimmed, cut to its longest length, and refuses control characters and unknown keys", () => {
    expect(paletteSearchSchema.parse({ q: "  fraud " })).toEqual({ q: "fraud" });
    expect(paletteSearchSchema.parse({ q: "x".repeat(500) }).q).toHaveLength(SEARCH_TEXT_MAX);
    expect(paletteSearchSchema.safeParse({ q: "a\u0000b" }).success).toBe(false);
    expect(paletteSearchSchema.safeParse({ q: "a", extra: 1 }).success).toBe(false);
  });
});
