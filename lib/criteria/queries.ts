import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Verdict } from "@/lib/generated/prisma/enums";
import { needsReverify } from "@/lib/criteria/reverify";
import { readCriteria } from "@/lib/specs/completeness";
import { formatTimeIdCursor, type TimeIdCursor } from "@/lib/schemas/common";

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

type QueueRow = {
  id: string;
  given: string;
  when: string;
  then: string;
  text: string;
  verdict: Verdict;
  /** Its number on the feature page: place among the feature's active criteria. */
  number: number;
  reverify: boolean;
  featureId: string;
  featureTitle: string;
  createdAt: Date;
};

/**
 * One page of QA's queue: active criteria of the team's live features that
 * are untested or need re-verifying, oldest first, grouped by feature. Raw
 * SQL because re-verify compares the criterion's verdict revision with its
 * feature's approved one, which Prisma's filters cannot: the database picks
 * the open criteria and numbers only those.
 *
 * Keyset-paginated on (createdAt, id), a total order: `after` is the sort key
 * of the previous page's last row, so a page never repeats or skips a row
 * when criteria are added or judged meanwhile. One query per page; it reads
 * one row past the page to know whether another follows.
 */
export async function listQaQueue(teamId: string, options: { after?: TimeIdCursor; take?: number } = {}) {
  const { after, take = QA_QUEUE_PAGE_SIZE } = options;
  const afterClause = after
    ? Prisma.sql`AND (c."createdAt", c.id) > (${after.at}::timestamptz, ${after.id}::uuid)`
    : Prisma.empty;
  const rows = await db.$queryRaw<QueueRow[]>`
    SELECT c.id, c.given, c."when", c."then", c.text, c.verdict::text AS verdict, c."createdAt",
           (c.verdict <> 'UNTESTED') AS reverify,
           (SELECT count(*)::int FROM "AcceptanceCriterion" o
             WHERE o."featureId" = c."featureId" AND o."retiredAt" IS NULL
               AND (o.position, o.id) <= (c.position, c.id)) AS number,
           f.id AS "featureId", f.title AS "featureTitle"
    FROM "AcceptanceCriterion" c
    JOIN "Feature" f ON f.id = c."featureId"
    WHERE f."teamId" = ${teamId}::uuid
      AND f.stage <> 'RETIRED'
      AND c."retiredAt" IS NULL
      AND (c.verdict = 'UNTESTED' OR c."verdictSpecRevisionId" IS DISTINCT FROM f."approvedSpecRevisionId")
      ${afterClause}
    ORDER BY c."createdAt", c.id
    LIMIT ${take + 1}`;
  const page = rows.slice(0, take);
  const last = rows.length > take ? page.at(-1) : undefined;
  const groups = new Map<string, { feature: { id: string; title: string }; criteria: QueueRow[] }>();
  for (const row of page) {
    const group = groups.get(row.featureId) ?? { feature: { id: row.featureId, title: row.featureTitle }, criteria: [] };
    group.criteria.push(row);
    groups.set(row.featureId, group);
  }
  return {
    groups: [...groups.values()],
    /** The cursor of the next page, when one follows. */
    nextCursor: last ? formatTimeIdCursor({ at: last.createdAt, id: last.id }) : undefined,
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
