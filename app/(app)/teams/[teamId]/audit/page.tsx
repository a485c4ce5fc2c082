import type { Metadata } from "next";
import Link from "next/link";
import { parseBigintCursor } from "@/lib/schemas/common";
import { AuditTable } from "@/components/teams/audit-table";
import { auditIds, auditSentence } from "@/lib/activity/sentences";
import { listAuditEvents, memberCan } from "@/lib/teams/queries";
import { requireTeamPage } from "@/lib/authz/pages";

export const metadata: Metadata = { title: "Audit log" };

const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

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
  const { events, features, names, nextCursor } = await listAuditEvents(teamId, parseBigintCursor(before));
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
            sentence: auditSentence(
              {
                action: e.action,
                before: e.before,
                after: e.after,
                actor: e.actor?.name ?? null,
                feature: e.featureId ? (features.get(e.featureId) ?? "a deleted feature") : null,
              },
              names,
            ),
            createdAt: e.createdAt.toISOString(),
            when: `${when.format(e.createdAt)} UTC`,
            ids: auditIds(e),
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
