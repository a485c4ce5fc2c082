const readable = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

/** A moment as a readable date ("25 Nov 2026, 18:30 UTC") in a machine-readable <time>. */
export function Timestamp({ date }: { date: Date }) {
  return <time dateTime={date.toISOString()}>{readable.format(date)} UTC</time>;
}
