// Pure text helpers for comments: no database, safe anywhere.

// A mention is "@" followed by a whole email: "@pat@acme.com". The "@" must
// not follow a character that could belong to an email, so the second "@" of
// "x@pat@acme.com" or the one in "pat@acme.com" starts no mention.
// Domain labels neither start nor end with "-", so trailing punctuation
// ("@pat@acme.com." or "@pat@acme.com-") stays out of the address.
const MENTION =
  /(?<![\w.%+@-])@([\w.%+-]+@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+)/gi;

/** The emails mentioned in a comment body, lower-cased, each once, in order of first mention. */
export function extractMentionEmails(body: string): string[] {
  const emails = new Set<string>();
  for (const match of body.matchAll(MENTION)) {
    const email = match[1];
    if (email) emails.add(email.toLowerCase());
  }
  return [...emails];
}

export const EXCERPT_LENGTH = 140;

/** The first 140 characters of a comment on one line, for lists and the audit log. */
export function commentExcerpt(body: string): string {
  const flat = body.replace(/\s+/g, " ").trim();
  return flat.length > EXCERPT_LENGTH ? `${flat.slice(0, EXCERPT_LENGTH - 1)}…` : flat;
}
