import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Verdict } from "@/lib/generated/prisma/enums";
import { needsReverify } from "@/lib/criteria/reverify";
import { readCriteria } from "@/lib/specs/completeness";
import { formatTimeIdCursor, parseTimeIdCursor } from "@/lib/schemas/common";

const verdictHistorySelect = {
  id: true,
  verdict: true,
  note: true,
  evidenceUrl: true,
  createdAt: true,
  specRevisionId: true,
  user: { select: { name: true } },
} as const;

export { needsReverify };

/** What the criteria section shows of each criterion: select it under a feature. */
export const criteriaSelect = {
  select: {
    id: true,
    position: true,
    given: true,
    when: true,
    then: true,
    text: true,
    successCriterionKeys: true,
    specRevisionNumber: true,
    verdict: true,
    verdictAt: true,
    verdictSpecRevisionId: true,
    retiredAt: true,
    retiredReason: true,
    version: true,
    verdicts: { select: verdictHistorySelect, orderBy: { id: "desc" }, take: 20 },
  },
  orderBy: [{ position: "asc" }, { id: "asc" }],
} satisfies Prisma.Feature$criteriaArgs;

type CriterionRow = Prisma.AcceptanceCriterionGetPayload<typeof criteriaSelect>;

/** The criteria in order, retired last, each marked when it needs verifying again. */
export function shapeCriteria(
  rows: CriterionRow[],
  approved: { id: string; successCriteria: Prisma.JsonValue } | null,
) {
  const criteria = rows
    .map((c) => ({ ...c, reverify: !c.retiredAt && needsReverify(c, approved?.id ?? null) }))
    .sort((a, b) => Number(!!a.retiredAt) - Number(!!b.retiredAt));
  return {
    criteria,
    approvedSpecRevisionId: approved?.id ?? null,
    // The approved spec's success criteria, which criteria can be linked to.
    successCriteria: readCriteria(approved?.successCriteria),
  };
}

/** A feature's criteria in order (retired last), each with its verdict history. */
export async function listCriteria(teamId: string, featureId: string) {
  const feature = await db.feature.findFirst({
    where: { id: featureId, teamId },
    select: {
      approvedSpecRevision: { select: { id: true, successCriteria: true } },
      criteria: criteriaSelect,
    },
  });
  return feature ? shapeCriteria(feature.criteria, feature.approvedSpecRevision) : null;
}

/** Criteria on one page of the QA queue. */
export const QA_QUEUE_PAGE_SIZE = 200;

/** The two parts of the queue: criteria judged before and waiting for a retest, then those never judged. */
export type QaQueueGroup = "retest" | "untested";

/**
 * Where a page of the queue starts: after the row with this sort key. The
 * queue is ordered retests first, then by (createdAt, id) within each part.
 */
export type QaQueueCursor = { group: QaQueueGroup; at: Date; id: string };

export function formatQaQueueCursor(cursor: QaQueueCursor): string {
  return `${cursor.group === "retest" ? "r" : "u"}${formatTimeIdCursor(cursor)}`;
}

/** The cursor a page was given: undefined when absent or malformed (then the first page is shown). */
export function parseQaQueueCursor(value: unknown): QaQueueCursor | undefined {
  if (typeof value !== "string" || !/^[ru]/.test(value)) return undefined;
  const rest = parseTimeIdCursor(value.slice(1));
  return rest ? { group: value.startsWith("r") ? "retest" : "untested", ...rest } : undefined;
}

type QueueRow = {
  id: string;
  given: string;
  when: string;
  then: string;
  text: string;
  verdict: Verdict;
  /** Its number on the feature page: place among the feature's active criteria. */
  number: number;
  /** Judged PASSED, FAILED or BLOCKED before: it waits for a retest. */
  retest: boolean;
  /** Its verdict was given against a spec revision that is no longer the approved one. */
  reverify: boolean;
  featureId: string;
  featureTitle: string;
  createdAt: Date;
  /** The verdict recorded last (for a retest): who, when, with what note and evidence. */
  lastVerdictAt: Date | null;
  lastVerdictBy: string | null;
  lastNote: string | null;
  lastEvidenceUrl: string | null;
};

export type QaQueueCriterion = QueueRow;

/**
 * One page of QA's queue: active criteria of the team's live features that
 * are untested, failed, blocked, or need re-verifying, grouped into retests
 * (judged before) and untested, oldest first within each, then by feature.
 * Raw SQL because re-verify compares the criterion's verdict revision with
 * its feature's approved one, which Prisma's filters cannot: the database
 * picks the open criteria and numbers only those.
 *
 * Keyset-paginated on (group, createdAt, id), a total order: `after` is the
 * sort key of the previous page's last row, so a page never repeats or skips
 * a row when criteria are added or judged meanwhile. One query per page (and
 * one for the counts of each group); it reads one row past the page to know
 * whether another follows.
 */
export async function listQaQueue(teamId: string, options: { after?: QaQueueCursor; take?: number } = {}) {
  const { after, take = QA_QUEUE_PAGE_SIZE } = options;
  const afterClause = after
    ? Prisma.sql`AND (c.verdict = 'UNTESTED', c."createdAt", c.id) > (${after.group === "untested"}, ${after.at}::timestamptz, ${after.id}::uuid)`
    : Prisma.empty;
  const from = Prisma.sql`FROM "AcceptanceCriterion" c JOIN "Feature" f ON f.id = c."featureId"`;
  const open = Prisma.sql`
    WHERE f."teamId" = ${teamId}::uuid
      AND f.stage <> 'RETIRED'
      AND c."retiredAt" IS NULL
      AND (c.verdict IN ('UNTESTED', 'FAILED', 'BLOCKED')
           OR c."verdictSpecRevisionId" IS DISTINCT FROM f."approvedSpecRevisionId")`;
  const [rows, counts] = await Promise.all([
    db.$queryRaw<QueueRow[]>`
      SELECT c.id, c.given, c."when", c."then", c.text, c.verdict::text AS verdict, c."createdAt",
             (c.verdict <> 'UNTESTED') AS retest,
             (c.verdict <> 'UNTESTED' AND c."verdictSpecRevisionId" IS DISTINCT FROM f."approvedSpecRevisionId") AS reverify,
             (SELECT count(*)::int FROM "AcceptanceCriterion" o
               WHERE o."featureId" = c."featureId" AND o."retiredAt" IS NULL
                 AND (o.position, o.id) <= (c.position, c.id)) AS number,
             f.id AS "featureId", f.title AS "featureTitle",
             v."createdAt" AS "lastVerdictAt", v.note AS "lastNote", v."evidenceUrl" AS "lastEvidenceUrl",
             u.name AS "lastVerdictBy"
      ${from}
      LEFT JOIN LATERAL (
        SELECT cv."createdAt", cv.note, cv."evidenceUrl", cv."userId" FROM "CriterionVerdict" cv
        WHERE cv."criterionId" = c.id AND c.verdict <> 'UNTESTED'
        ORDER BY cv.id DESC LIMIT 1
      ) v ON true
      LEFT JOIN "User" u ON u.id = v."userId"
      ${open}
      ${afterClause}
      ORDER BY (c.verdict = 'UNTESTED'), c."createdAt", c.id
      LIMIT ${take + 1}`,
    db.$queryRaw<{ retest: number; untested: number }[]>`
      SELECT count(*) FILTER (WHERE c.verdict <> 'UNTESTED')::int AS retest,
             count(*) FILTER (WHERE c.verdict = 'UNTESTED')::int AS untested
      ${from}
      ${open}`,
  ]);
  const page = rows.slice(0, take);
  const last = rows.length > take ? page.at(-1) : undefined;
  const sections = (["retest", "untested"] as const).map((group) => {
    const features = new Map<string, { feature: { id: string; title: string }; criteria: QueueRow[] }>();
    for (const row of page) {
      if ((row.retest ? "retest" : "untested") !== group) continue;
      const entry = features.get(row.featureId) ?? { feature: { id: row.featureId, title: row.featureTitle }, criteria: [] };
      entry.criteria.push(row);
      features.set(row.featureId, entry);
    }
    return { group, groups: [...features.values()] };
  });
  return {
    /** Retests then untested criteria on this page, each grouped by feature. */
    sections,
    /** Every row of the page, by feature within each part (what `sections` holds, flat). */
    groups: sections.flatMap((s) => s.groups),
    /** How many criteria wait in each part, over all pages. */
    totals: counts[0] ?? { retest: 0, untested: 0 },
    /** The cursor of the next page, when one follows. */
    nextCursor: last
      ? formatQaQueueCursor({ group: last.retest ? "retest" : "untested", at: last.createdAt, id: last.id })
      : undefined,
  };
}

/** Rows for the CSV export: one per criterion, with its latest verdict. */
export async function listCriteriaForExport(teamId: string, featureId?: string) {
  return db.acceptanceCriterion.findMany({
    where: { feature: { teamId }, ...(featureId ? { featureId } : {}) },
    select: {
      given: true,
      when: true,
      then: true,
      text: true,
      verdict: true,
      verdictAt: true,
      verdictSpecRevisionId: true,
      retiredAt: true,
      specRevisionNumber: true,
      feature: { select: { title: true, approvedSpecRevisionId: true } },
      verdicts: { select: { note: true, evidenceUrl: true, user: { select: { name: true } } }, orderBy: { id: "desc" }, take: 1 },
    },
    orderBy: [{ feature: { createdAt: "asc" } }, { position: "asc" }],
  });
}
