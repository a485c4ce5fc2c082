"use client";

import { ActionForm } from "@/components/ui/action-form";
import { toastResult } from "@/components/ui/toaster";
import { SelectField } from "@/components/ui/select-field";
import { ROLE_LABELS, ROLES, type Role } from "@/lib/authz/permissions";
import { assignResponsibility, removeResponsibility } from "@/lib/responsibilities/actions";
import { RACI_KINDS, RACI_LABELS } from "@/lib/responsibilities/schemas";

type Entry = { id: string; role: Role; kind: (typeof RACI_KINDS)[number]; user: { id: string; name: string } };

/** RACI for the feature; a lead or PM assigns. Exactly one Accountable. */
export function Responsibilities({
  teamId,
  featureId,
  entries,
  people,
  canAssign,
}: {
  teamId: string;
  featureId: string;
  entries: Entry[];
  people: { id: string; name: string; roles: Role[] }[];
  canAssign: boolean;
}) {
  return (
    <section aria-labelledby="raci-heading" className="rounded-lg border border-slate-200 bg-white p-5">
      <h2 id="raci-heading" className="text-lg font-semibold">
        Responsibilities
      </h2>
      <table className="mt-3 w-full text-sm">
        <caption className="sr-only">Who is responsible, accountable, consulted and informed</caption>
        <thead className="text-left text-slate-600">
          <tr>
            <th scope="col" className="py-1 font-medium">Person</th>
            <th scope="col" className="py-1 font-medium">As</th>
            <th scope="col" className="py-1 font-medium">RACI</th>
            {canAssign ? <th scope="col"><span className="sr-only">Actions</span></th> : null}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {entries.map((e) => (
            <tr key={e.id}>
              <td className="py-2">{e.user.name}</td>
              <td className="py-2">{ROLE_LABELS[e.role]}</td>
              <td className="py-2">{RACI_LABELS[e.kind]}</td>
              {canAssign ? (
                <td className="py-2 text-right">
                  {e.kind !== "ACCOUNTABLE" ? (
                    <ActionForm
                      action={removeResponsibility}
                      hidden={{ teamId, featureId, responsibilityId: e.id }}
                      submitLabel={<span>Remove<span className="sr-only"> {e.user.name} as {RACI_LABELS[e.kind]}</span></span>}
                      variant="ghost"
                      pendingLabel="Removing…"
                      className="inline-flex flex-col items-end gap-1"
                      undo={(data) => () => undoRemove(data)}
                    />
                  ) : null}
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
      {canAssign ? (
        <div className="mt-4 border-t border-slate-200 pt-4">
          <h3 className="text-sm font-semibold">Assign</h3>
          <ActionForm
            action={assignResponsibility}
            hidden={{ teamId, featureId }}
            submitLabel="Assign"
            pendingLabel="Assigning…"
            className="mt-2 flex flex-col gap-3"
            ariaLabel="Assign a responsibility"
          >
            {(state) => {
              const failure = state && !state.ok ? state : null;
              const errors = failure?.fieldErrors;
              // A refusal shows the picks again (keyed, so the selects take them).
              const picked = (name: string) => (typeof failure?.values?.[name] === "string" ? String(failure.values[name]) : undefined);
              return (
                <div className="grid gap-3" key={failure ? JSON.stringify(failure.values ?? null) : "assign"}>
                  <SelectField
                    label="Person"
                    name="userId"
                    id="raci-person"
                    placeholder="Choose…"
                    options={people.map((p) => ({ value: p.id, label: `${p.name} (${p.roles.join(", ")})` }))}
                    defaultValue={picked("userId")}
                    errors={errors?.userId}
                  />
                  <SelectField
                    label="Acting as"
                    name="role"
                    id="raci-role"
                    options={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
                    defaultValue={picked("role")}
                    errors={errors?.role}
                  />
                  <SelectField
                    label="RACI"
                    name="kind"
                    id="raci-kind"
                    options={RACI_KINDS.map((k) => ({ value: k, label: RACI_LABELS[k] }))}
                    defaultValue={picked("kind")}
                    errors={errors?.kind}
                  />
                </div>
              );
            }}
          </ActionForm>
        </div>
      ) : null}
    </section>
  );
}

/** The toast's Undo after a removal: the same person, role and kind, assigned again. */
async function undoRemove(data: { teamId: string; featureId: string; userId: string; role: string; kind: string }) {
  const form = new FormData();
  for (const [name, value] of Object.entries(data)) form.set(name, value);
  toastResult(await assignResponsibility(null, form));
}
