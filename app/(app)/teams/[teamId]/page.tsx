import type { Metadata } from "next";
import Link from "next/link";
import { ROLE_LABELS, ROLES } from "@/lib/authz/permissions";
import { listMembers, memberCan, requireMember } from "@/lib/teams/queries";

export const metadata: Metadata = { title: "Team overview" };

export default async function TeamOverviewPage({ params }: { params: Promise<{ teamId: string }> }) {
  const { teamId } = await params;
  const { team, member } = await requireMember(teamId);
  const members = await listMembers(teamId);
  const isLead = memberCan(member, "members.manage");
  return (
    <>
      <h1 className="text-2xl font-semibold">{team.name}</h1>
      <p className="mt-1 text-sm text-slate-700">
        Your roles: {member.roles.map((role) => ROLE_LABELS[role]).join(", ")}
      </p>
      <section aria-labelledby="coverage" className="mt-8">
        <h2 id="coverage" className="text-lg font-semibold">
          Who holds each role
        </h2>
        <ul className="mt-3 grid gap-3 sm:grid-cols-2 lg:grid-cols-5">
          {ROLES.map((role) => {
            const holders = members.filter((m) => m.roles.includes(role));
            return (
              <li key={role} className="rounded-lg border border-slate-200 bg-white p-4">
                <p className="text-sm font-medium">{ROLE_LABELS[role]}</p>
                {holders.length ? (
                  <p className="mt-1 text-sm text-slate-700">{holders.map((h) => h.user.name).join(", ")}</p>
                ) : (
                  <p className="mt-1 text-sm text-amber-800">
                    Nobody yet.{" "}
                    {isLead ? (
                      <Link href={`/teams/${teamId}/members`} className="underline">
                        Invite someone
                      </Link>
                    ) : null}
                  </p>
                )}
              </li>
            );
          })}
        </ul>
      </section>
    </>
  );
}
