import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { Role, Stage } from "@/lib/generated/prisma/enums";

// The board and the stage pages: what a card shows is stored on the feature
// (lib/gates/summary.ts), so each view is one SQL statement over indexed
// columns, whatever the team's size.

const DAY_MS = 24 * 60 * 60 * 1000;
/** Cards shown per column: the pipeline's stages, and the done or set-aside ones. */
export const BOARD_COLUMN_SIZE = 20;
export const BOARD_SIDE_COLUMN_SIZE = 5;
const SIDE_STAGES: Stage[] = [Stage.PRODUCTION, Stage.PAUSED, Stage.RETIRED];
export const columnSize = (stage: Stage) => (SIDE_STAGES.includes(stage) ? BOARD_SIDE_COLUMN_SIZE : BOARD_COLUMN_SIZE);
export const STAGE_LIST_PAGE_SIZE = 50;

export type BoardFilters = {
  q?: string;
  phase?: number;
  person?: string;
  waitingOn?: Role;
  stuckDays?: number;
};

export type BoardCard = {
  id: string;
  title: string;
  stage: Stage;
  phaseName: string | null;
  accountable: string | null;
  daysInStage: number;
  waitingOn: Role[];
  missing: number;
  failedCriteria: number;
};

export const BOARD_STAGES = [
  Stage.IDEA,
  Stage.POC,
  Stage.BUILD,
  Stage.VALIDATION,
  Stage.PRODUCTION,
  Stage.PAUSED,
  Stage.RETIRED,
] as const;

export function daysSince(date: Date, now = Date.now()) {
  return Math.floor((now - date.getTime()) / DAY_MS);
}

/** LIKE's wildcards in a user's search text are matched literally. */
export function likePattern(text: string) {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The filters as SQL conditions on "Feature" f, team first. */
function filterSql(teamId: string, filters: BoardFilters, now: number) {
  const and = [Prisma.sql`f."teamId" = ${teamId}::uuid`];
  if (filters.q) {
    const pattern = likePattern(filters.q);
    and.push(Prisma.sql`(f.title ILIKE ${pattern} OR f.summary ILIKE ${pattern})`);
  }
  if (filters.phase) and.push(Prisma.sql`f."currentPhase" = ${filters.phase}`);
  if (filters.person) {
    and.push(Prisma.sql`EXISTS (SELECT 1 FROM "Responsibility" r WHERE r."featureId" = f.id AND r."userId" = ${filters.person}::uuid)`);
  }
  if (filters.stuckDays !== undefined) {
    and.push(Prisma.sql`f."stageEnteredAt" < ${new Date(now - filters.stuckDays * DAY_MS)}`);
  }
  // The roles the card shows as waited on: the stored gate summary.
  if (filters.waitingOn) and.push(Prisma.sql`f."gateWaitingOn" @> ARRAY[${filters.waitingOn}]::"Role"[]`);
  return Prisma.join(and, " AND ");
}

// What a card shows, for the rows "f" of a sub-select.
const CARD_COLUMNS = Prisma.sql`
  f.id, f.title, f.stage, f."stageEnteredAt", f."gateMissing" AS missing, f."gateWaitingOn" AS "waitingOn",
  f."failedCriteria",
  (SELECT p.name FROM "FeaturePhase" p WHERE p."featureId" = f.id AND p.position = f."currentPhase") AS "phaseName",
  (SELECT u.name FROM "Responsibility" r JOIN "User" u ON u.id = r."userId"
    WHERE r."featureId" = f.id AND r.kind = 'ACCOUNTABLE' LIMIT 1) AS accountable`;

type CardJson = Omit<BoardCard, "daysInStage"> & { stageEnteredAt: string };

function toCard(row: CardJson, now: number): BoardCard & { stageEnteredAt: Date } {
  const stageEnteredAt = new Date(row.stageEnteredAt);
  return {
    id: row.id,
    title: row.title,
    stage: row.stage,
    phaseName: row.phaseName,
    accountable: row.accountable,
    daysInStage: daysSince(stageEnteredAt, now),
    waitingOn: row.waitingOn ?? [],
    missing: row.missing,
    failedCriteria: row.failedCriteria,
    stageEnteredAt,
  };
}

/**
 * The board: how many features each stage holds and the first cards of each
 * column (fewer for production and the side states), oldest in stage first
 * (the ones most likely stuck). One statement:
 * per stage, a count and an index-ordered LIMIT.
 */
export async function getBoard(teamId: string, filters: BoardFilters, now = Date.now()) {
  const where = filterSql(teamId, filters, now);
  const rows = await db.$queryRaw<{ stage: Stage; count: number; cards: CardJson[] }[]>`
    SELECT s.stage,
      (SELECT count(*)::int FROM "Feature" f WHERE ${where} AND f.stage = s.stage) AS count,
      COALESCE((
        SELECT json_agg(c ORDER BY c."stageEnteredAt", c.id) FROM (
          SELECT ${CARD_COLUMNS} FROM "Feature" f
          WHERE ${where} AND f.stage = s.stage
          ORDER BY f."stageEnteredAt", f.id
          LIMIT s.size
        ) c
      ), '[]'::json) AS cards
    FROM unnest(${[...BOARD_STAGES]}::"Stage"[], ${BOARD_STAGES.map(columnSize)}::int[]) WITH ORDINALITY AS s(stage, size, position)
    ORDER BY s.position`;
  return rows.map((row) => ({
    stage: row.stage,
    count: row.count,
    cards: row.cards.map((card) => toCard(card, now)),
  }));
}

/** A position in a stage list: the last card's stageEnteredAt and id. */
const cursorSchema = z
  .string()
  .max(80)
  .regex(/^\d{1,15}\.[0-9a-f-]{36}$/)
  .transform((value) => {
    const [ms, id] = value.split(".") as [string, string];
    return { enteredAt: new Date(Number(ms)), id };
  })
  .pipe(z.object({ enteredAt: z.date(), id: z.uuid() }));

export type StageCursor = z.output<typeof cursorSchema>;

/** A cursor from the URL, or undefined (the first page) for anything malformed. */
export function parseStageCursor(value: unknown): StageCursor | undefined {
  const parsed = cursorSchema.safeParse(value);
  return parsed.success && !Number.isNaN(parsed.data.enteredAt.getTime()) ? parsed.data : undefined;
}

const cursorOf = (card: { stageEnteredAt: Date; id: string }) => `${card.stageEnteredAt.getTime()}.${card.id}`;

/**
 * One stage's features after the cursor (keyset pagination in board order),
 * with the stage's total under the filters: one statement.
 */
export async function listStageFeatures(
  teamId: string,
  stage: Stage,
  filters: BoardFilters,
  after?: StageCursor,
  now = Date.now(),
) {
  const where = filterSql(teamId, filters, now);
  const keyset = after
    ? Prisma.sql`AND (f."stageEnteredAt", f.id) > (${after.enteredAt}, ${after.id}::uuid)`
    : Prisma.empty;
  const [row] = await db.$queryRaw<{ total: number; cards: CardJson[] }[]>`
    SELECT
      (SELECT count(*)::int FROM "Feature" f WHERE ${where} AND f.stage = ${stage}::"Stage") AS total,
      COALESCE((
        SELECT json_agg(c ORDER BY c."stageEnteredAt", c.id) FROM (
          SELECT ${CARD_COLUMNS} FROM "Feature" f
          WHERE ${where} AND f.stage = ${stage}::"Stage" ${keyset}
          ORDER BY f."stageEnteredAt", f.id
          LIMIT ${STAGE_LIST_PAGE_SIZE + 1}
        ) c
      ), '[]'::json) AS cards`;
  const cards = row!.cards.map((card) => toCard(card, now));
  const page = cards.slice(0, STAGE_LIST_PAGE_SIZE);
  return {
    total: row!.total,
    cards: page,
    nextCursor: cards.length > STAGE_LIST_PAGE_SIZE ? cursorOf(page[page.length - 1]!) : undefined,
  };
}
