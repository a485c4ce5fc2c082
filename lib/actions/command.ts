import "server-only";
import { z } from "zod";
import { ACTION_ACCESS, type ActionName } from "@/lib/authz/access";
import { can, refusalMessage } from "@/lib/authz/permissions";
import { getMembership } from "@/lib/authz/membership";
import { db, type Tx } from "@/lib/db";
import { ActionError, messages, type ActionResult } from "@/lib/errors";
import type { Role } from "@/lib/generated/prisma/enums";
import { Prisma } from "@/lib/generated/prisma/client";
import { CONTROL_MESSAGE, findControlCharacters } from "@/lib/schemas/common";
import type { LiveEvent } from "@/lib/live/events";
import { notifyLive } from "@/lib/live/notify";

export type CommandContext = {
  tx: Tx;
  /** null only for public commands called without a session. */
  userId: string | null;
  /** Set for team-scoped commands: the caller's roles in that team. */
  roles: Role[];
  /** The caller's session, when the command came from a signed-in browser. */
  sessionId: string | null;
};

export type RunMeta = { sessionId?: string | null };

// Who runs the command a transaction belongs to, for code deep inside it that
// is not handed the context (refreshFeatures telling people a gate opened,
// never the person who opened it).
const actors = new WeakMap<Tx, string | null>();

/** The user whose command runs in `tx`; null outside a command (scripts, jobs). */
export function commandActor(tx: Tx): string | null {
  return actors.get(tx) ?? null;
}

export type Command<I, T> = {
  name: ActionName;
  /** Runs the command for `userId` (null when signed out) with raw input. */
  run(userId: string | null, raw: unknown, meta?: RunMeta): Promise<ActionResult<T>>;
  /** Paths whose rendering depends on what the command changed. */
  revalidate?: (data: T) => string[];
  /** The input schema (tests read its fields). */
  schema: z.ZodType;
  /** Only for typing: the parsed input. */
  readonly _input?: I;
};

/**
 * The one way to write a mutation: parse with zod, check the caller against
 * ACTION_ACCESS (membership read from the database), then run the handler in
 * one transaction. A handler refuses by throwing ActionError, which rolls the
 * transaction back, so no refused request leaves a partial write.
 */
export function defineCommand<S extends z.ZodType, T>(def: {
  name: ActionName;
  schema: S;
  handler: (ctx: CommandContext, input: z.output<S>) => Promise<T>;
  revalidate?: (data: T) => string[];
  message?: string;
  /**
   * Lock the team row before reading the caller's membership, so commands
   * that change memberships run one at a time per team and each sees the
   * roles the previous one left (no demoted lead acting in the gap).
   */
  lockTeam?: boolean;
  /**
   * The refusal for a unique-constraint violation this command expects (a
   * race two requests can both run into, like two invitations of one
   * address); null for any other, which is logged as the bug it is.
   */
  uniqueViolation?: (violation: UniqueViolation) => ActionError | null;
  /**
   * false for commands that change nothing a team's live pages show
   * (invitations). Otherwise a successful command tells the team's open
   * pages that its feature (or the team) changed, in its transaction.
   */
  live?: false;
}): Command<z.output<S>, T> {
  const access = ACTION_ACCESS[def.name];

  async function run(userId: string | null, raw: unknown, meta: RunMeta = {}): Promise<ActionResult<T>> {
    if (access.scope !== "public" && !userId) {
      return { ok: false, code: "unauthenticated", error: messages.unauthenticated };
    }
    // Control characters (NUL above all, which Postgres refuses) are refused
    // here for every command and every text field, before any schema.
    const controlField = findControlCharacters(raw);
    if (controlField !== null) {
      return {
        ok: false,
        code: "invalid",
        error: messages.invalid,
        fieldErrors: { [controlField]: [CONTROL_MESSAGE] },
        values: echo(raw),
      };
    }
    const parsed = def.schema.safeParse(raw);
    if (!parsed.success) {
      const fieldErrors = z.flattenError(parsed.error).fieldErrors as Record<string, string[]>;
      // Input that is not even a form of this command (no field to point
      // at) gets a message of its own instead of "the fields marked below".
      if (Object.keys(fieldErrors).length === 0) {
        return { ok: false, code: "invalid", error: messages.malformed, values: echo(raw) };
      }
      return { ok: false, code: "invalid", error: messages.invalid, fieldErrors, values: echo(raw) };
    }
    const input = parsed.data;
    try {
      const data = await db.$transaction(async (tx) => {
        actors.set(tx, userId);
        let roles: Role[] = [];
        if (access.scope === "user" && userId) {
          // Teams are for verified addresses only; unverified accounts can
          // manage only their own account ("account" scope).
          const user = await tx.user.findUnique({ where: { id: userId }, select: { emailVerifiedAt: true } });
          if (!user) throw new ActionError("unauthenticated", messages.unauthenticated);
          if (!user.emailVerifiedAt) throw new ActionError("forbidden", messages.unverified);
        }
        if (access.scope === "account" && userId) {
          const exists = await tx.user.count({ where: { id: userId } });
          if (!exists) throw new ActionError("unauthenticated", messages.unauthenticated);
        }
        if (access.scope === "team") {
          const teamId = (input as { teamId?: unknown }).teamId;
          const valid = typeof teamId === "string" && z.uuid().safeParse(teamId).success;
          if (valid && def.lockTeam) {
            await tx.$queryRaw`SELECT id FROM "Team" WHERE id = ${teamId}::uuid FOR UPDATE`;
          }
          const member = valid && userId ? await getMembership(userId, teamId, tx) : null;
          // Outsiders learn nothing, not even that the team exists.
          if (!member) throw new ActionError("not_found", messages.notFound);
          if (!can(member.roles, access.permission)) {
            throw new ActionError("forbidden", refusalMessage(access.permission));
          }
          roles = member.roles;
        }
        const result = await def.handler({ tx, userId, roles, sessionId: meta.sessionId ?? null }, input);
        const event = def.live === false ? null : liveEventOf(input, result);
        if (event) await notifyLive(tx, event);
        return result;
      });
      return { ok: true, data, message: def.message };
    } catch (error) {
      if (error instanceof ActionError) {
        return {
          ok: false,
          code: error.code,
          error: error.message,
          fieldErrors: error.fieldErrors,
          values: echo(raw),
        };
      }
      const violation = uniqueViolationOf(error);
      if (violation) {
        const refusal = def.uniqueViolation?.(violation);
        if (refusal) {
          return { ok: false, code: refusal.code, error: refusal.message, fieldErrors: refusal.fieldErrors, values: echo(raw) };
        }
        console.error(`[${def.name}] unexpected unique-constraint violation`, violation);
      }
      if (isSerializationFailure(error)) {
        return {
          ok: false,
          code: "conflict",
          error: "Someone else changed this at the same moment. Reload and try again.",
          values: echo(raw),
        };
      }
      throw error;
    }
  }

  return { name: def.name, run, revalidate: def.revalidate, schema: def.schema };
}

const uuidSchema = z.uuid();

/** The team and feature a command acted on, from its input or its result. */
function liveEventOf(input: unknown, result: unknown): LiveEvent | null {
  const pick = (key: "teamId" | "featureId") => {
    for (const source of [input, result]) {
      const value = source && typeof source === "object" ? (source as Record<string, unknown>)[key] : undefined;
      if (typeof value === "string" && uuidSchema.safeParse(value).success) return value;
    }
    return undefined;
  };
  const teamId = pick("teamId");
  if (!teamId) return null;
  const featureId = pick("featureId");
  return featureId ? { teamId, featureId, kind: "feature" } : { teamId, kind: "team" };
}

/** Which unique constraint a write violated (Prisma's P2002), by model and constraint name. */
export type UniqueViolation = { model: string | null; constraint: string | null };

function uniqueViolationOf(error: unknown): UniqueViolation | null {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError) || error.code !== "P2002") return null;
  // Through the pg driver adapter the constraint comes as the index name
  // (or its fields); without an adapter, as `target`.
  const meta = (error.meta ?? {}) as {
    modelName?: string;
    target?: unknown;
    driverAdapterError?: { cause?: { constraint?: { index?: string; fields?: string[] } } };
  };
  const constraint = meta.driverAdapterError?.cause?.constraint;
  const name = constraint?.index ?? constraint?.fields?.join(",") ?? (Array.isArray(meta.target) ? meta.target.join(",") : meta.target);
  return { model: meta.modelName ?? null, constraint: typeof name === "string" ? name : null };
}

function isSerializationFailure(error: unknown): boolean {
  return (
    error instanceof Prisma.PrismaClientKnownRequestError &&
    (error.code === "P2034" || error.code === "P2002")
  );
}

// Echo back only plain text fields, never passwords.
function echo(raw: unknown): Record<string, unknown> | undefined {
  if (!raw || typeof raw !== "object") return undefined;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (/password/i.test(key)) continue;
    if (typeof value === "string" || Array.isArray(value)) out[key] = value;
  }
  return out;
}
