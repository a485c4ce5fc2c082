import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

// Calling the app's server actions from Node the way the browser does.
//
// An action is found by its id: .next/server/server-reference-manifest.json
// maps each id to the file and export it comes from. Every action of this
// app is a form action `(prevState, formData)` (lib/actions/server-action.ts),
// which the browser calls with React's encodeReply([prevState, formData]): a
// multipart/form-data body whose FormData argument becomes one part, each
// field named "_1_<name>", and whose field "0" holds the argument list as
// JSON, `[null,"$K1"]` (null: no previous state; "$K1": the FormData of part
// 1). Field "0" must come last, as React sends it: the server decodes the
// body as it streams in and fills "$K1" with the "_1_" fields read before it. It is POSTed to a page that uses the action, with the
// headers Next-Action: <id>, Accept: text/x-component and the page's Origin.
// The answer is React Flight rows ("<hex id>:<JSON>" lines): row 0 is
// {"a":"$@<row>", ...} and that row holds the action's result
// ({ ok: true, data } or { ok: false, code, error }), followed, when the
// action revalidated the page, by the page's new render.

export type ActionRef = { file: string; name: string };
export type ActionResult = { ok: boolean; code?: string; error?: string; data?: unknown };
export type ActionAnswer = { status: number; ms: number; result: ActionResult | null; problem?: string };

/** The ids of `wanted` actions in the build in `root`/.next. */
export function actionIds<K extends string>(root: string, wanted: Record<K, ActionRef>): Record<K, string> {
  const file = path.join(root, ".next", "server", "server-reference-manifest.json");
  if (!existsSync(file)) throw new Error(`No ${path.relative(root, file)}: build the app first.`);
  const manifest = JSON.parse(readFileSync(file, "utf8")) as { node: Record<string, { filename: string; exportedName: string }> };
  const out = {} as Record<K, string>;
  for (const [key, ref] of Object.entries(wanted) as [K, ActionRef][]) {
    const found = Object.entries(manifest.node).find(([, a]) => a.filename === ref.file && a.exportedName === ref.name);
    if (!found) throw new Error(`The build has no server action ${ref.name} in ${ref.file}: stale build? Rebuild with --build.`);
    out[key] = found[0];
  }
  return out;
}

/** POSTs form `fields` to action `actionId` from page `page`, as the browser does, and reads its result. */
export async function callAction(
  origin: string,
  page: string,
  actionId: string,
  fields: [string, string][],
  cookie: string,
): Promise<ActionAnswer> {
  const body = new FormData();
  for (const [name, value] of fields) body.append(`_1_${name}`, value);
  body.append("0", '[null,"$K1"]');
  const start = performance.now();
  try {
    const response = await fetch(new URL(page, origin), {
      method: "POST",
      headers: { cookie, origin, accept: "text/x-component", "next-action": actionId },
      body,
      redirect: "manual",
      signal: AbortSignal.timeout(60_000),
    });
    const text = await response.text();
    const ms = performance.now() - start;
    if (response.status !== 200) return { status: response.status, ms, result: null, problem: `HTTP ${response.status}: ${text.slice(0, 200)}` };
    const result = actionResult(text);
    return result ? { status: 200, ms, result } : { status: 200, ms, result: null, problem: `no action result in: ${text.slice(0, 200)}` };
  } catch (error) {
    return { status: 0, ms: performance.now() - start, result: null, problem: (error as Error).message };
  }
}

/** The action's result from a Flight answer: the row that row 0's "a" points to; null when there is none. */
export function actionResult(flight: string): ActionResult | null {
  const rows = new Map<string, string>();
  for (const line of flight.split("\n")) {
    const match = /^([0-9a-f]+):([{[].*)$/.exec(line);
    if (match && !rows.has(match[1]!)) rows.set(match[1]!, match[2]!);
  }
  try {
    const root = JSON.parse(rows.get("0") ?? "null") as { a?: unknown } | null;
    let value = root?.a;
    if (typeof value === "string" && value.startsWith("$@")) value = JSON.parse(rows.get(value.slice(2)) ?? "null");
    if (!value || typeof value !== "object" || typeof (value as ActionResult).ok !== "boolean") return null;
    return value as ActionResult;
  } catch {
    return null;
  }
}

/**
 * The fields a form of `html` (server-rendered) would submit, found by its
 * aria-label: its inputs (checked ones only, for checkboxes and radios) and
 * textareas, in document order, without React's own "$ACTION_" fields.
 */
export function formFields(html: string, ariaLabel: string): [string, string][] | null {
  const start = html.search(new RegExp(`<form\\b[^>]*aria-label="${ariaLabel}"`));
  if (start < 0) return null;
  const end = html.indexOf("</form>", start);
  const form = html.slice(start, end < 0 ? undefined : end);
  const fields: [string, string][] = [];
  for (const match of form.matchAll(/<input\b([^>]*)>|<textarea\b([^>]*)>([\s\S]*?)<\/textarea>/g)) {
    const textarea = match[2] !== undefined;
    const attributes = new Map(
      [...(textarea ? match[2]! : match[1]!).matchAll(/([\w-]+)(?:="([^"]*)")?/g)].map((a) => [a[1]!, decodeEntities(a[2] ?? "")]),
    );
    const name = attributes.get("name");
    if (!name || name.startsWith("$ACTION") || attributes.has("disabled")) continue;
    const type = attributes.get("type") ?? "text";
    if ((type === "checkbox" || type === "radio") && !attributes.has("checked")) continue;
    if (type === "submit" || type === "button" || type === "file") continue;
    // React writes a textarea's value as its text, after a newline when the value starts with one.
    const value = textarea ? decodeEntities(match[3] ?? "").replace(/^\n/, "") : (attributes.get("value") ?? "");
    fields.push([name, value]);
  }
  return fields;
}

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos|nbsp);/gi, (entity, code: string) => {
    const lower = code.toLowerCase();
    if (lower.startsWith("#x")) return String.fromCodePoint(parseInt(lower.slice(2), 16));
    if (lower.startsWith("#")) return String.fromCodePoint(parseInt(lower.slice(1), 10));
    return { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" }[lower] ?? entity;
  });
}
