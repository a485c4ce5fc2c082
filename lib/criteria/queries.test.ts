import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createFeature } from "@/lib/features/commands";
import { formatQaQueueCursor, listQaQueue, parseQaQueueCursor } from "@/lib/criteria/queries";
import { createTeamWithRoles, type Fixture } from "@/tests/fixtures";

// The QA queue, paged by a keyset cursor: QA walks it page by page while
// criteria are written and judged, and no page repeats or skips one.

const T0 = Date.parse("2026-03-01T09:00:00.000Z");

async function feature(f: Fixture, title: string) {
  const r = await createFeature.run(f.members.PM.id, { teamId: f.team.id, title, summary: "s" });
  if (!r.ok) throw new Error(r.error);
  return r.data.featureId;
}

/** A criterion written at T0 + `minute` minutes; several may share a minute. */
async function criterion(featureId: string, minute: number, verdict: "UNTESTED" | "PASSED" = "UNTESTED") {
  const position = (await db.acceptanceCriterion.count({ where: { featureId } })) + 1;
  const row = await db.acceptanceCriterion.create({
    data: { featureId, position, text: `at ${minute}`, verdict, createdAt: new Date(T0 + minute * 60_000) },
    select: { id: true, createdAt: true },
  });
  return row;
}

const ids = (page: Awaited<ReturnType<typeof listQaQueue>>) => page.groups.flatMap((g) => g.criteria.map((c) => c.id));
const sorted = (list: string[]) => [...list].sort();

/** Every page from the first, following nextCursor, as lists of criterion ids. */
async function walk(teamId: string, take: number) {
  const pages: string[][] = [];
  let after: string | undefined;
  do {
    const page = await listQaQueue(teamId, { after: parseQaQueueCursor(after), take });
    pages.push(ids(page));
    after = page.nextCursor;
    if (pages.length > 50) throw new Error("The pages never end.");
  } while (after);
  return pages;
}

/** The queue's order, worked out here: oldest first, ids breaking ties. */
function expectedOrder(rows: { id: string; createdAt: Date }[]) {
  return [...rows]
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((r) => r.id);
}

async function setup() {
  const f = await createTeamWithRoles();
  const [a, b] = [await feature(f, "Fraud score"), await feature(f, "Churn model")];
  // Eight open criteria over two features, three of them written in the same
  // minute (the id decides their order), and one judged (not in the queue).
  const open = [
    await criterion(a, 5),
    await criterion(b, 1),
    await criterion(a, 3),
    await criterion(b, 3),
    await criterion(a, 3),
    await criterion(b, 9),
    await criterion(a, 7),
    await criterion(b, 2),
  ];
  await criterion(a, 4, "PASSED");
  return { f, a, b, open };
}

describe("the QA queue's pages", () => {
  it("are disjoint and cover the whole queue in order, for every page size", async () => {
    const { f, open } = await setup();
    const order = expectedOrder(open);
    const whole = await listQaQueue(f.team.id);
    expect(sorted(ids(whole))).toEqual(sorted(order));
    expect(whole.nextCursor).toBeUndefined();

    for (const take of [1, 2, 3, 4, 7, 8, 9]) {
      const pages = await walk(f.team.id, take);
      // Page i holds exactly the i-th slice of the queue's order (grouping by
      // feature may reorder rows within a page, never across pages), and an
      // exact fit ends without an empty page.
      expect(pages.map(sorted), `take ${take}`).toEqual(
        Array.from({ length: Math.ceil(order.length / take) }, (_, i) => sorted(order.slice(i * take, (i + 1) * take))),
      );
    }
  });

  it("group each page by feature, features in the order of their oldest criterion, criteria oldest first", async () => {
    const { f, a, b, open } = await setup();
    const order = expectedOrder(open);
    const page = await listQaQueue(f.team.id);
    // Minute 1 is b's: b comes first.
    expect(page.groups.map((g) => g.feature.id)).toEqual([b, a]);
    for (const group of page.groups) {
      expect(group.criteria.map((c) => c.id)).toEqual(order.filter((id) => group.criteria.some((c) => c.id === id)));
    }
  });

  it("keep their place when criteria are written or judged while QA pages through", async () => {
    const { f, a, b, open } = await setup();
    const order = expectedOrder(open);
    const first = await listQaQueue(f.team.id, { take: 3 });
    const firstIds = ids(first);
    expect(firstIds).toEqual(order.slice(0, 3));

    // Meanwhile: two new criteria, one written in the same minute as the
    // last row of the first page, one judged on the first page and one on
    // the second.
    const late = await criterion(a, 60);
    const sameMinute = await criterion(b, 3);
    await db.acceptanceCriterion.update({ where: { id: order[0]! }, data: { verdict: "PASSED" } });
    await db.acceptanceCriterion.update({ where: { id: order[4]! }, data: { verdict: "PASSED" } });

    // The rest one row a page, so their order shows (the cursor does not
    // depend on the page size it was made with).
    const rest: string[] = [];
    let after = first.nextCursor;
    while (after) {
      const page = await listQaQueue(f.team.id, { after: parseQaQueueCursor(after), take: 1 });
      rest.push(...ids(page));
      after = page.nextCursor;
      if (rest.length > 50) throw new Error("The pages never end.");
    }
    // Nothing from the first page again, nothing of the original queue
    // skipped but the judged one, and the new ones in their place by (time, id).
    expect(rest.filter((id) => firstIds.includes(id))).toEqual([]);
    const afterLast = (r: { id: string; createdAt: Date }) => {
      const last = open.find((o) => o.id === order[2])!;
      return r.createdAt > last.createdAt || (r.createdAt.getTime() === last.createdAt.getTime() && r.id > last.id);
    };
    const expected = expectedOrder([...open.filter((o) => afterLast(o) && o.id !== order[4]), late, sameMinute].filter(afterLast));
    expect(rest).toEqual(expected);
    expect(rest.at(-1)).toBe(late.id);
  });

  it("show only the team's own criteria, whatever the cursor", async () => {
    const { f, open } = await setup();
    const other = await setup();
    const cursor = formatQaQueueCursor({ group: "retest", at: new Date(T0), id: other.open[0]!.id });
    const page = await listQaQueue(f.team.id, { after: parseQaQueueCursor(cursor) });
    expect(sorted(ids(page))).toEqual(sorted(open.map((o) => o.id)));
  });

  it("treat a malformed cursor as the first page, and one past the end as an empty page", async () => {
    const { f, open } = await setup();
    const order = expectedOrder(open);
    for (const junk of ["", "abc", "-1.x", "u1e9." + randomUUID(), "u99999999999999999." + randomUUID(), "%00", "u1.not-a-uuid", "x1." + randomUUID(), "1." + randomUUID()]) {
      const page = await listQaQueue(f.team.id, { after: parseQaQueueCursor(junk), take: 3 });
      expect(ids(page), junk).toEqual(order.slice(0, 3));
    }
    // Well formed but pointing at no row: the rows after that key, here none.
    const farFuture = parseQaQueueCursor(`u253402300799999.${randomUUID()}`);
    expect(await listQaQueue(f.team.id, { after: farFuture })).toMatchObject({ groups: [], nextCursor: undefined });
    const beforeAll = parseQaQueueCursor(`r0.${randomUUID()}`);
    expect(sorted(ids(await listQaQueue(f.team.id, { after: beforeAll })))).toEqual(sorted(order));
  });
});

describe("retests in the QA queue", () => {
  async function judge(criterionId: string, userId: string, verdict: "FAILED" | "BLOCKED" | "PASSED", note: string, minute: number) {
    const at = new Date(T0 + minute * 60_000);
    await db.criterionVerdict.create({ data: { criterionId, verdict, note, userId, createdAt: at } });
    await db.acceptanceCriterion.update({ where: { id: criterionId }, data: { verdict, verdictAt: at } });
  }

  it("keep failed and blocked criteria, first, with their last verdict, who and when; passed ones leave", async () => {
    const { f, open } = await setup();
    const order = expectedOrder(open);
    const qa = await db.user.findUniqueOrThrow({ where: { id: f.members.QA.id }, select: { name: true } });
    // The newest failed first, then blocked twice (the later one shown), one passed.
    await judge(order[5]!, f.members.QA.id, "FAILED", "Times out", 100);
    await judge(order[2]!, f.members.QA.id, "FAILED", "Wrong total", 101);
    await judge(order[2]!, f.members.QA.id, "BLOCKED", "Staging down", 102);
    await judge(order[0]!, f.members.QA.id, "PASSED", "", 103);

    const page = await listQaQueue(f.team.id);
    expect(page.totals).toEqual({ retest: 2, untested: 5 });
    expect(page.sections.map((s) => s.group)).toEqual(["retest", "untested"]);
    const retests = page.sections[0]!.groups.flatMap((g) => g.criteria);
    // Retests oldest-written first, like the rest.
    expect(retests.map((c) => c.id)).toEqual([order[2], order[5]]);
    expect(retests[0]).toMatchObject({
      verdict: "BLOCKED",
      retest: true,
      reverify: false,
      lastNote: "Staging down",
      lastVerdictBy: qa.name,
      lastVerdictAt: new Date(T0 + 102 * 60_000),
    });
    const untested = page.sections[1]!.groups.flatMap((g) => g.criteria);
    expect(sorted(untested.map((c) => c.id))).toEqual(sorted(order.filter((id, i) => ![0, 2, 5].includes(i))));
    expect(untested.every((c) => !c.retest && c.lastVerdictAt === null)).toBe(true);

    // Paged one at a time, the walk covers retests then untested, each once.
    const pages = await walk(f.team.id, 1);
    expect(pages.flat()).toEqual([order[2], order[5], ...expectedOrder(open.filter((o) => untested.some((u) => u.id === o.id)))]);
  });
});
