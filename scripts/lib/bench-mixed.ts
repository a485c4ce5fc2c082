import pg from "pg";
import type { Role, Stage } from "@/lib/generated/prisma/enums";
import { callAction, formFields, type ActionAnswer, type ActionRef } from "./bench-actions";
import { LiveWatch, type LiveResult } from "./bench-live";
import type { BenchServer } from "./bench-server";
import { mulberry32, pick, type Random } from "./bench-random";
import { GATE_SIGNERS, type BenchSeed, type BenchUser } from "./bench-seed";

// The mixed load: every member of the measured team signed in at once, each
// looping with no pause: 80 % page views spread evenly over MIXED_PAGES, 20 %
// writes through the app's server actions, a kind their roles allow, chosen
// evenly. Half the writes go to the measured feature, the rest to other
// features of the team. Each write kind adds one row to one table, so the
// rows added during the load must equal the writes the app reported done.

export const MIXED_PAGES = ["board", "feature", "spec", "qa", "myWork"] as const;
export type MixedPage = (typeof MIXED_PAGES)[number];
const WRITE_SHARE = 0.2;

export const WRITES = {
  signGate: { file: "lib/gates/actions.ts", name: "signGate" },
  setCriterionVerdict: { file: "lib/criteria/actions.ts", name: "setCriterionVerdict" },
  saveSpec: { file: "lib/specs/actions.ts", name: "saveSpec" },
  addComment: { file: "lib/comments/actions.ts", name: "addComment" },
} satisfies Record<string, ActionRef>;
export type WriteKind = keyof typeof WRITES;
const WRITE_TABLE: Record<WriteKind, string> = {
  signGate: "GateSignoff",
  setCriterionVerdict: "CriterionVerdict",
  saveSpec: "SpecRevision",
  addComment: "Comment",
};
// Who may do what (lib/authz/permissions.ts): sign-offs in a role a gate asks for, verdicts by QA, specs by leads and PMs.
const KINDS_OF: Record<Role, WriteKind[]> = {
  LEAD: ["addComment", "saveSpec"],
  PM: ["addComment", "saveSpec", "signGate"],
  DS: ["addComment", "signGate"],
  DEV: ["addComment", "signGate"],
  QA: ["addComment", "setCriterionVerdict", "signGate"],
};

export type MixedUser = BenchUser & { cookie: string };

export type PageStat = { page: string; latencies: number[]; errors: number };
export type WriteStat = { kind: WriteKind; sent: number; done: number; refused: number; errors: number; latencies: number[]; rowsAdded: number };
export type MixedResult = {
  users: number;
  seconds: number;
  pages: PageStat[];
  writes: WriteStat[];
  /** Failed page views and writes, and writes the database does not show. */
  errors: number;
  /** The first few distinct problems, to say what the errors were. */
  problems: string[];
  /** Each user's live event stream during the load. */
  live: LiveResult;
};

/** The URLs of the mixed pages for the measured team and feature. */
export function mixedPageUrls(seed: Pick<BenchSeed, "teamId" | "featureId">): Record<MixedPage, string> {
  const team = `/teams/${seed.teamId}`;
  const feature = `${team}/features/${seed.featureId}`;
  return { board: team, feature, spec: `${feature}/spec`, qa: `${team}/qa`, myWork: `${team}/my-work` };
}

export async function runMixed(
  server: BenchServer,
  seed: BenchSeed,
  users: MixedUser[],
  actionIds: Record<WriteKind, string>,
  durationMs: number,
  databaseUrl: string,
  thinkMs: number,
): Promise<MixedResult> {
  const urls = mixedPageUrls(seed);
  const pages = new Map<string, PageStat>();
  const writes = new Map<WriteKind, WriteStat>(
    (Object.keys(WRITES) as WriteKind[]).map((kind) => [kind, { kind, sent: 0, done: 0, refused: 0, errors: 0, latencies: [], rowsAdded: 0 }]),
  );
  const problems = new Set<string>();
  const problem = (text: string) => {
    if (problems.size < 8) problems.add(text);
  };

  /** One GET, recorded under `key` (the URL, or a placeholder for features other than the measured one). */
  const view = async (user: MixedUser, url: string, key = url): Promise<string | null> => {
    const stat = pages.get(key) ?? { page: key, latencies: [], errors: 0 };
    pages.set(key, stat);
    const start = performance.now();
    try {
      const response = await fetch(new URL(url, server.origin), {
        headers: { cookie: user.cookie, accept: "text/html" },
        redirect: "manual",
        signal: AbortSignal.timeout(60_000),
      });
      const body = await response.text();
      stat.latencies.push(performance.now() - start);
      if (response.status === 200) return body;
      stat.errors++;
      problem(`GET ${key}: HTTP ${response.status}`);
    } catch (error) {
      stat.latencies.push(performance.now() - start);
      stat.errors++;
      problem(`GET ${key}: ${(error as Error).message}`);
    }
    return null;
  };

  const live = new LiveWatch(server.origin, seed.teamId);
  const record = (kind: WriteKind, answer: ActionAnswer, done?: { writer: number; featureId: string; sentAt: number }) => {
    if (done && answer.result?.ok) live.wrote(done.writer, done.featureId, done.sentAt);
    const stat = writes.get(kind)!;
    stat.sent++;
    stat.latencies.push(answer.ms);
    if (answer.result?.ok) stat.done++;
    else if (answer.result?.code === "conflict") stat.refused++;
    else {
      stat.errors++;
      problem(`${kind}: ${answer.problem ?? `${answer.result?.code}: ${answer.result?.error}`}`);
    }
  };

  const team = `/teams/${seed.teamId}`;
  const featurePage = (featureId: string) => `${team}/features/${featureId}`;
  // The team's other features (the measured one when it has no others).
  const others = Object.values(seed.featuresByStage).flat();
  if (others.length === 0) others.push(seed.featureId);

  const write = async (user: MixedUser, random: Random, n: number, writer: number) => {
    const sentAt = performance.now();
    const kind = pick(random, [...new Set(user.roles.flatMap((role) => KINDS_OF[role]))]);
    const call = (page: string, fields: Record<string, string>) =>
      callAction(server.origin, page, actionIds[kind], Object.entries({ teamId: seed.teamId, ...fields }), user.cookie);
    if (kind === "addComment") {
      const featureId = random() < 0.5 ? seed.featureId : pick(random, others);
      const mention = random() < 0.3 ? ` @${pick(random, users.filter((u) => u.id !== user.id)).email} can you check?` : "";
      record(kind, await call(featurePage(featureId), { featureId, body: `Bench comment ${n} by ${user.name}.${mention}` }), { writer, featureId, sentAt });
    } else if (kind === "signGate") {
      // A gate that asks for one of the user's roles, at a feature waiting there.
      const [stage, role] = pick(
        random,
        user.roles.flatMap((r) =>
          (Object.entries(GATE_SIGNERS) as [Stage, Role[]][])
            .filter(([s, roles]) => roles.includes(r) && (s === "VALIDATION" || seed.featuresByStage[s]?.length))
            .map(([s]) => [s, r] as const),
        ),
      );
      const measured = stage === "VALIDATION" && (random() < 0.25 || !seed.featuresByStage.VALIDATION?.length);
      const featureId = measured ? seed.featureId : pick(random, seed.featuresByStage[stage] ?? []);
      record(kind, await call(featurePage(featureId), { featureId, role, comment: random() < 0.5 ? "Checked." : "" }), { writer, featureId, sentAt });
    } else if (kind === "setCriterionVerdict") {
      // On the measured feature from its page, on others from the QA queue.
      const measured = random() < 0.5 || seed.validationCriteria.length === 0;
      const { featureId, criterionId } = measured
        ? { featureId: seed.featureId, criterionId: pick(random, seed.measuredCriteria) }
        : pick(random, seed.validationCriteria);
      const r = random();
      const verdict = r < 0.7 ? "PASSED" : r < 0.9 ? "FAILED" : "BLOCKED";
      const note = verdict === "PASSED" ? "" : verdict === "FAILED" ? "Recall below target on this slice" : "Staging data not refreshed";
      record(
        kind,
        await call(measured ? featurePage(featureId) : `${team}/qa`, { featureId, criterionId, verdict, note, evidenceUrl: `https://ci.example.com/run/${n}` }),
        { writer, featureId, sentAt },
      );
    } else {
      // Open the spec editor, change the open questions, save what the form holds.
      const measured = random() < 0.5;
      const featureId = measured ? seed.featureId : pick(random, seed.featuresByStage.IDEA?.length ? seed.featuresByStage.IDEA : others);
      const page = `${featurePage(featureId)}/spec`;
      const html = await view(user, page, measured ? page : `${team}/features/<other>/spec`);
      if (html === null) return; // counted as that page's error
      const fields = formFields(html, "Edit spec");
      const stat = writes.get(kind)!;
      if (!fields) {
        stat.sent++;
        stat.errors++;
        problem(`${kind}: no "Edit spec" form on ${page}`);
        return;
      }
      const edited = fields.map(([name, value]): [string, string] =>
        name === "openQuestions"
          ? [name, [...value.split("\n").filter((line) => line && !line.startsWith("- Bench check")), `- Bench check ${n} by ${user.name}`].join("\n")]
          : [name, value],
      );
      // Sent once the editor is open: the delay counts from the save.
      const savedAt = performance.now();
      record(kind, await callAction(server.origin, page, actionIds[kind], edited, user.cookie), { writer, featureId, sentAt: savedAt });
    }
  };

  // Every user keeps the team's live stream open, as their browser tab would.
  await live.open(users.map((u) => u.cookie));
  const before = await countRows(databaseUrl);
  const started = performance.now();
  const end = started + durationMs;
  await Promise.all(
    users.map(async (user, index) => {
      const random = mulberry32(1000 + index);
      for (let n = 1; performance.now() < end; n++) {
        if (random() < WRITE_SHARE) await write(user, random, n, index);
        else await view(user, urls[pick(random, MIXED_PAGES)]);
        // A person reads what they opened before the next click: 0.5 to 1.5 × thinkMs.
        if (thinkMs > 0) await new Promise((resolve) => setTimeout(resolve, thinkMs * (0.5 + random())));
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const after = await countRows(databaseUrl);
  const liveResult = await live.finish(databaseUrl);

  let errors = 0;
  for (const stat of writes.values()) {
    const table = WRITE_TABLE[stat.kind];
    stat.rowsAdded = after[table]! - before[table]!;
    errors += stat.errors + Math.abs(stat.rowsAdded - stat.done);
    if (stat.rowsAdded !== stat.done) problem(`${stat.kind}: ${stat.done} done but ${stat.rowsAdded} ${table} rows added`);
  }
  for (const stat of pages.values()) errors += stat.errors;
  const order = (key: string) => {
    const i = Object.values(urls).indexOf(key);
    return i < 0 ? MIXED_PAGES.length : i;
  };
  return {
    users: users.length,
    seconds,
    pages: [...pages.values()].sort((a, b) => order(a.page) - order(b.page)),
    writes: [...writes.values()],
    errors,
    problems: [...problems],
    live: liveResult,
  };
}

async function countRows(connectionString: string): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    const out: Record<string, number> = {};
    for (const table of Object.values(WRITE_TABLE)) {
      const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${client.escapeIdentifier(table)}`);
      out[table] = Number(rows[0]!.n);
    }
    return out;
  } finally {
    await client.end();
  }
}
