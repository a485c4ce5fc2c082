import type { Metadata } from "next";
import Link from "next/link";
import { parseBigintCursor } from "@/lib/schemas/common";
import { AuditTable } from "@/components/teams/audit-table";
import { listAuditEvents, memberCan } from "@/lib/teams/queries";
import { requireTeamPage } from "@/lib/authz/pages";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditPage({
  params,
  searchParams,
}: {
  params: Promise<{ teamId: string }>;
  searchParams: Promise<{ before?: string }>;
}) {
  const { teamId, member } = await requireTeamPage(params);
  if (!memberCan(member, "audit.view")) {
    return (
      <>
        <h1 className="text-2xl font-semibold">Audit log</h1>
        <p className="mt-2 text-sm text-slate-700">Only a team lead can see the audit log.</p>
      </>
    );
  }
  const { before } = await searchParams;
  const { events, nextCursor } = await listAuditEvents(teamId, parseBigintCursor(before));
  return (
    <>
      <h1 className="text-2xl font-semibold">Audit log</h1>
      <p className="mt-1 text-sm text-slate-700">Every change in this team, newest first.</p>
      {events.length === 0 ? (
        <p className="mt-6 text-sm text-slate-600">No events yet.</p>
      ) : (
        <AuditTable
          events={events.map((e) => ({
            id: e.id.toString(),
            action: e.action,
            targetType: e.targetType,
            before: e.before,
            after: e.after,
            createdAt: e.createdAt.toISOString(),
            actor: e.actor ? `${e.actor.name} (${e.actor.email})` : "System",
          }))}
        />
      )}
      <nav aria-label="Audit log pages" className="mt-4 flex gap-4 text-sm">
        {before ? (
          <Link href={`/teams/${teamId}/audit`} className="font-medium text-indigo-700 underline">
            Newest
          </Link>
        ) : null}
        {nextCursor ? (
          <Link
            href={`/teams/${teamId}/audit?before=${nextCursor.toString()}`}
            className="font-medium text-indigo-700 underline"
          >
            Older events
          </Link>
        ) : null}
      </nav>
    </>
  );
}
