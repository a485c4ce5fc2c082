/** One audit event as the log shows it: a sentence, its time, and its ids for whoever hovers. */
export type AuditRow = {
  id: string;
  sentence: string;
  /** ISO time. */
  createdAt: string;
  /** "28 Nov 2026, 14:02 UTC". */
  when: string;
  /** Ids of the event and what it touched, shown on hover only. */
  ids: string;
};

/** The team's audit log in words: when, and who did what to which feature. */
export function AuditTable({ events, caption = "Audit events" }: { events: AuditRow[]; caption?: string }) {
  return (
    <div className="mt-6 rounded-lg border border-slate-200 bg-white">
      <table className="w-full table-fixed text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50 text-left">
          <tr>
            <th scope="col" className="w-28 px-3 py-3 font-medium sm:w-48 sm:px-4">
              When
            </th>
            <th scope="col" className="px-3 py-3 font-medium sm:px-4">
              What happened
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200">
          {events.map((event) => (
            <tr key={event.id}>
              <td className="px-3 py-3 align-top text-slate-700 sm:px-4">
                <time dateTime={event.createdAt}>{event.when}</time>
              </td>
              <td className="px-3 py-3 break-words sm:px-4" title={event.ids}>
                {event.sentence}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
