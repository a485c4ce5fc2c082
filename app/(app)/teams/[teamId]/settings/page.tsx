import type { Metadata } from "next";
import { GateSettingToggle } from "@/components/features/gate-setting-toggle";
import { ReadinessBarForm } from "@/components/readiness/bar-form";
import { ROLE_LABELS } from "@/lib/authz/permissions";
import { db } from "@/lib/db";
import { loadGateSettings } from "@/lib/gates/facts";
import { GATES, gateLabel } from "@/lib/features/stages";
import { isEnabled, REQUIREMENTS, SIGNOFFS } from "@/lib/gates/definitions";
import { memberCan } from "@/lib/teams/queries";
import { requireTeamPage } from "@/lib/authz/pages";

export const metadata: Metadata = { title: "Gate settings" };

export default async function GateSettingsPage({ params }: { params: Promise<{ teamId: string }> }) {
  const { teamId, member } = await requireTeamPage(params);
  const [settings, team] = await Promise.all([
    loadGateSettings(db, teamId),
    db.team.findUniqueOrThrow({ where: { id: teamId }, select: { readinessBar: true } }),
  ]);
  const canConfigure = memberCan(member, "gates.configure");
  return (
    <>
      <h1 className="text-2xl font-semibold">Gate settings</h1>
      <p className="mt-1 text-sm text-slate-700">
        What each gate asks for in this team.{" "}
        {canConfigure ? "Switch a default off or back on; every change is in the audit log." : "Only the team lead can change them."}
      </p>
      <section aria-labelledby="bar-heading" className="mt-6 max-w-xl rounded-lg border border-slate-200 bg-white p-5">
        <h2 id="bar-heading" className="font-semibold">
          Readiness bar
        </h2>
        <p className="mt-1 text-sm text-slate-700">
          The ML Test Score (0 to 7) a feature needs to go from validation to production. Now: <strong>{team.readinessBar}</strong>.
        </p>
        {canConfigure ? <ReadinessBarForm teamId={teamId} bar={team.readinessBar} /> : null}
      </section>
      <div className="mt-6 grid gap-4 lg:grid-cols-2">
        {GATES.map((gate) => (
          <section key={gate} aria-labelledby={`gate-${gate}`} className="rounded-lg border border-slate-200 bg-white p-5">
            <h2 id={`gate-${gate}`} className="font-semibold">
              {gateLabel(gate)}
            </h2>
            <ul className="mt-3 flex flex-col gap-2 text-sm">
              {[
                ...REQUIREMENTS.filter((r) => r.gate === gate).map((r) => ({ key: r.key, label: r.label })),
                ...SIGNOFFS.filter((s) => s.gate === gate).map((s) => ({
                  key: s.key,
                  label: `${ROLE_LABELS[s.role]} sign-off`,
                })),
              ].map((item) => (
                <li key={item.key} className="flex items-center justify-between gap-3">
                  <span>{item.label}</span>
                  <GateSettingToggle
                    teamId={teamId}
                    itemKey={item.key}
                    label={item.label}
                    enabled={isEnabled(settings, item.key)}
                    disabled={!canConfigure}
                  />
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
    </>
  );
}
