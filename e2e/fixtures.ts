import { randomUUID } from "node:crypto";
import { hash } from "@node-rs/argon2";
import { expect, type Browser, type Page } from "@playwright/test";
import pg from "pg";
import { PASSWORD, signIn } from "./helpers";

// Seeds a team straight into the e2e database (faster than inviting through
// the UI, which team-members.spec.ts covers) and removes it afterwards.

const url = process.env.E2E_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/liftoff_e2e";

export type SeededTeam = {
  teamId: string;
  people: Record<string, { id: string; email: string; name: string }>;
  cleanup: () => Promise<void>;
};

export async function seedTeam(
  members: { key: string; name: string; roles: string[] }[],
  options: { gateItemsOff?: string[] } = {},
): Promise<SeededTeam> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const passwordHash = await hash(PASSWORD);
  const teamId = randomUUID();
  const people: SeededTeam["people"] = {};
  try {
    await client.query("BEGIN");
    await client.query(`INSERT INTO "Team" (id, name, "updatedAt") VALUES ($1, $2, now())`, [teamId, `E2E ${teamId.slice(0, 6)}`]);
    for (const m of members) {
      const id = randomUUID();
      const email = `${m.key}-${id.slice(0, 8)}@e2e.liftoff`;
      await client.query(
        `INSERT INTO "User" (id, email, name, "passwordHash", "emailVerifiedAt", "updatedAt") VALUES ($1, $2, $3, $4, now(), now())`,
        [id, email, m.name, passwordHash],
      );
      await client.query(
        `INSERT INTO "Membership" (id, "teamId", "userId", roles, "updatedAt") VALUES ($1, $2, $3, $4::"Role"[], now())`,
        [randomUUID(), teamId, id, m.roles],
      );
      people[m.key] = { id, email, name: m.name };
    }
    for (const key of options.gateItemsOff ?? []) {
      await client.query(`INSERT INTO "TeamGateSetting" ("teamId", key, enabled) VALUES ($1, $2, false)`, [teamId, key]);
    }
    await client.query("COMMIT");
  } finally {
    await client.end();
  }
  return {
    teamId,
    people,
    async cleanup() {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DELETE FROM "Team" WHERE id = $1`, [teamId]);
      await c.query(`DELETE FROM "User" WHERE id = ANY($1::uuid[])`, [Object.values(people).map((p) => p.id)]);
      await c.end();
    },
  };
}

/** A feature in `stage` with an approved, complete spec and the PM Accountable. */
export async function seedFeature(teamId: string, pmId: string, stage: string, title: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const featureId = randomUUID();
  const specId = randomUUID();
  try {
    await client.query("BEGIN");
    await client.query(
      `INSERT INTO "Feature" (id, "teamId", title, summary, stage, "updatedAt") VALUES ($1, $2, $3, $4, $5::"Stage", now())`,
      [featureId, teamId, title, "Seeded for an end-to-end test", stage],
    );
    await client.query(
      `INSERT INTO "SpecRevision" (id, "featureId", number, problem, "customerContext", constraints, "successCriteria", status, "authorId")
       VALUES ($1, $2, 1, 'Orders ship late', 'Warehouse staff', 'Under 1 s', $3::jsonb, 'APPROVED', $4)`,
      [specId, featureId, JSON.stringify([{ key: "sc1", metric: "on-time rate", target: ">= 95%", howMeasured: "weekly report", phase: "1" }]), pmId],
    );
    await client.query(`UPDATE "Feature" SET "approvedSpecRevisionId" = $1 WHERE id = $2`, [specId, featureId]);
    await client.query(
      `INSERT INTO "Responsibility" (id, "featureId", "userId", role, kind) VALUES ($1, $2, $3, 'PM', 'ACCOUNTABLE')`,
      [randomUUID(), featureId, pmId],
    );
    await client.query(`INSERT INTO "StageTransition" ("featureId", "toStage") VALUES ($1, $2::"Stage")`, [featureId, stage]);
    await client.query("COMMIT");
  } finally {
    await client.end();
  }
  return featureId;
}

/** A new browser context signed in as one of the seeded people. */
export async function signedInAs(browser: Browser, team: SeededTeam, key: string): Promise<Page> {
  const person = team.people[key]!;
  const page = await (await browser.newContext()).newPage();
  await page.goto("/sign-in");
  await signIn(page, person.email);
  await expect(page.getByTestId("current-user")).toHaveText(person.name);
  return page;
}

/** Runs one statement against the e2e database: for a change made by "someone else" mid-test. */
export async function runSql(text: string, values: unknown[] = []) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, values)).rows;
  } finally {
    await client.end();
  }
}
