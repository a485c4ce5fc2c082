// Reading what the app mailed, from the sink that playwright.config.ts starts.
const SINK = `http://127.0.0.1:${process.env.MAIL_SINK_HTTP_PORT ?? 3125}`;

export type ReceivedMail = {
  to: string;
  subject: string;
  text: string;
  date: string;
  /** The List-* headers (List-Unsubscribe…), by lower-case name. */
  headers: Record<string, string>;
  /**
   * Path and query of the first link in the text whose path starts with
   * `pathPrefix` (e.g. "/verify-email"), for `page.goto` on the base URL.
   */
  link(pathPrefix: string): string;
};

/**
 * Waits for mail to `to` whose subject matches, and returns the newest. The
 * app sends through a queue, so mail arrives a moment after the action.
 * `since` skips mail received before it (e.g. an earlier link to the same address).
 */
type Stored = Omit<ReceivedMail, "link">;

export async function waitForMail(
  to: string,
  subject: RegExp,
  opts: { timeout?: number; since?: Date } = {},
): Promise<ReceivedMail> {
  const deadline = Date.now() + (opts.timeout ?? 15_000);
  let seen: Stored[] = [];
  for (;;) {
    const response = await fetch(`${SINK}/messages?to=${encodeURIComponent(to)}`);
    if (!response.ok) throw new Error(`Mail sink answered ${response.status}`);
    seen = (await response.json()) as Stored[];
    const match = seen
      .filter((m) => subject.test(m.subject) && (!opts.since || new Date(m.date) >= opts.since))
      .at(-1);
    if (match) return { ...match, link: (prefix) => findLink(match.text, prefix) };
    if (Date.now() > deadline) {
      const got = seen.map((m) => `"${m.subject}" at ${m.date}`).join(", ") || "nothing";
      throw new Error(`No mail to ${to} with a subject matching ${subject}; received: ${got}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function findLink(text: string, pathPrefix: string): string {
  for (const [raw] of text.matchAll(/https?:\/\/[^\s<>"]+/g)) {
    const url = new URL(raw);
    if (url.pathname.startsWith(pathPrefix)) return `${url.pathname}${url.search}`;
  }
  throw new Error(`No link to ${pathPrefix}… in this mail:\n${text}`);
}
