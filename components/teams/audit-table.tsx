type AuditRow = {
  id: string;
  action: string;
  targetType: string;
  before: unknown;
  after: unknown;
  createdAt: string;
  actor: string;
};

const ACTION_LABELS: Record<string, string> = {
  "team.created": "Created the team",
  "member.added": "Added a member",
  "member.roles_changed": "Changed roles",
  "member.removed": "Removed a member",
  "invitation.created": "Invited someone",
  "invitation.sent": "Invited someone",
  "invitation.declined": "Declined an invitation",
  "invitation.revoked": "Revoked an invitation",
  "invitation.accepted": "Joined by invitation",
};

function describe(value: unknown): string {
  if (value === null || value === undefined) return "—";
  if (typeof value !== "object") return String(value);
  return Object.entries(value as Record<string, unknown>)
    .map(([key, v]) => `${key}: ${Array.isArray(v) ? v.join(", ") || "none" : String(v)}`)
    .join("; ");
}

export function AuditTable({ events }: { events: AuditRow[] }) {
  return (
    <div className="mt-6 overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full text-sm">
        <caption className="sr-only">Audit events</caption>
        <thead className="bg-slate-50 text-left">
          <tr>
            <th scope="col" className="px-4 py-3 font-medium">When</th>
            <th scope="col" className="px-4 py-3 font-medium">Who</th>
            <th scope="col" className="px-4 py-3 font-medium">What</th>
            <th scope="col" className="px-4 py-3 font-medium">Before</th>
            <th scope="col" className="px-4 py-3 font-medium">After</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200">
          {events.map((event) => (
            <tr key={event.id}>
              <td className="whitespace-nowrap px-4 py-3">
                <time dateTime={event.createdAt}>{event.createdAt.replace("T", " ").slice(0, 19)} UTC</time>
              </td>
              <td className="px-4 py-3">{event.actor}</td>
              <td className="px-4 py-3">{ACTION_LABELS[event.action] ?? event.action}</td>
              <td className="px-4 py-3 text-slate-700">{describe(event.before)}</td>
              <td className="px-4 py-3 text-slate-700">{describe(event.after)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
