"use client";

import { useRouter } from "next/navigation";
import { useActionState, useEffect } from "react";
import { Alert } from "@/components/ui/alert";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { SubmitButton } from "@/components/ui/submit-button";
import { ROLE_LABELS, ROLE_SHORT, ROLES, type Role } from "@/lib/authz/permissions";
import { removeMember, setMemberRoles } from "@/lib/teams/actions";
import { withToast } from "@/components/ui/toaster";

export type MatrixMember = {
  id: string;
  userId: string;
  version: number;
  roles: Role[];
  name: string;
  email: string;
};

/** People × roles. Leads edit a row's roles with checkboxes and save it. */
export function MemberMatrix({
  teamId,
  members,
  canManage,
  currentUserId,
}: {
  teamId: string;
  members: MatrixMember[];
  canManage: boolean;
  currentUserId: string;
}) {
  return (
    // Phones: each person becomes a card (name, then the five roles in a
    // row, each labelled, then the buttons), so no column is clipped.
    <div className="mt-6 overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full text-sm max-sm:block">
        <caption className="sr-only">Team members and their roles</caption>
        <thead className="bg-slate-50 text-left max-sm:hidden">
          <tr>
            <th scope="col" className="px-4 py-3 font-medium">
              Person
            </th>
            {ROLES.map((role) => (
              <th key={role} scope="col" className="px-3 py-3 text-center font-medium">
                <abbr title={ROLE_LABELS[role]} className="no-underline">
                  {ROLE_SHORT[role]}
                </abbr>
              </th>
            ))}
            {canManage ? (
              <th scope="col" className="px-4 py-3 font-medium">
                <span className="sr-only">Actions</span>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200 max-sm:block">
          {members.map((member) =>
            canManage ? (
              <EditableRow key={member.id} teamId={teamId} member={member} isSelf={member.userId === currentUserId} />
            ) : (
              <tr key={member.id} className={cardRow}>
                <PersonCell member={member} />
                {ROLES.map((role) => (
                  <td key={role} className={roleCell}>
                    <RoleTag role={role} />
                    {member.roles.includes(role) ? (
                      <span aria-label={`${ROLE_LABELS[role]}: yes`}>✓</span>
                    ) : (
                      <span aria-label={`${ROLE_LABELS[role]}: no`} className="text-slate-400">
                        –
                      </span>
                    )}
                  </td>
                ))}
              </tr>
            ),
          )}
        </tbody>
      </table>
    </div>
  );
}

const rolesOf = (value: unknown): Role[] =>
  (Array.isArray(value) ? value : typeof value === "string" ? [value] : []).filter((v): v is Role => ROLES.includes(v as Role));

const cardRow = "max-sm:grid max-sm:grid-cols-5 max-sm:gap-y-2 max-sm:px-4 max-sm:py-3";
const roleCell = "px-3 py-3 text-center max-sm:flex max-sm:flex-col max-sm:items-center max-sm:gap-1 max-sm:p-0";

/** The role's short name over its box, shown only where the header row is not. */
function RoleTag({ role }: { role: Role }) {
  return (
    <span aria-hidden="true" className="text-xs font-medium text-slate-600 sm:hidden">
      {ROLE_SHORT[role]}
    </span>
  );
}

function PersonCell({ member }: { member: MatrixMember }) {
  return (
    <th scope="row" className="px-4 py-3 text-left font-normal max-sm:col-span-5 max-sm:block max-sm:p-0">
      <span className="block font-medium text-slate-900">{member.name}</span>
      <span className="block break-all text-slate-600">{member.email}</span>
    </th>
  );
}

function EditableRow({ teamId, member, isSelf }: { teamId: string; member: MatrixMember; isSelf: boolean }) {
  const [saveState, save] = useActionState(withToast(setMemberRoles), null);
  const [removeState, remove] = useActionState(withToast(removeMember), null);
  const formId = `roles-${member.id}`;
  const failure = saveState && !saveState.ok ? saveState : null;
  const removeFailure = removeState && !removeState.ok ? removeState : null;
  const errorId = `${formId}-error`;
  const router = useRouter();
  // The boxes are uncontrolled: React resets a form after its action, to
  // each box's default. So the default is what the row should show: the
  // stored roles (a save brings a new version), or what was sent when the
  // save was refused for its input.
  const shown = failure?.code === "invalid" ? rolesOf(failure.values?.roles) : member.roles;
  // A conflict means our copy is stale: fetch the current roles.
  useEffect(() => {
    if (failure?.code === "conflict" || removeFailure?.code === "conflict") router.refresh();
  }, [failure, removeFailure, router]);
  return (
    <tr className={cardRow}>
      <PersonCell member={member} />
      {ROLES.map((role) => (
        <td key={role} className={roleCell}>
          <RoleTag role={role} />
          <input
            // A new default takes effect on a new element.
            key={`${member.version}-${shown.includes(role)}`}
            type="checkbox"
            form={formId}
            name="roles"
            value={role}
            defaultChecked={shown.includes(role)}
            aria-label={`${ROLE_LABELS[role]} for ${member.name}`}
            aria-describedby={failure ? errorId : undefined}
            className="h-4 w-4 accent-indigo-700"
          />
        </td>
      ))}
      <td className="px-4 py-3 max-sm:col-span-5 max-sm:block max-sm:p-0">
        <div className="flex items-center gap-2">
          <form id={formId} action={save}>
            <input type="hidden" name="teamId" value={teamId} />
            <input type="hidden" name="membershipId" value={member.id} />
            <input type="hidden" name="version" value={member.version} />
            <SubmitButton variant="secondary" pendingText="Saving…">
              <span>
                Save<span className="sr-only"> roles for {member.name}</span>
              </span>
            </SubmitButton>
          </form>
          <ConfirmDialog
            trigger="Remove"
            triggerLabel={`Remove ${member.name}`}
            title={isSelf ? "Leave this team?" : `Remove ${member.name}?`}
            description={
              isSelf
                ? "You will lose access to this team right away."
                : `${member.name} will lose access to this team right away. Their past activity stays in the audit log.`
            }
            // The refusal shows where the person is looking: in the dialog.
            error={removeFailure?.error}
          >
            <form action={remove}>
              <input type="hidden" name="teamId" value={teamId} />
              <input type="hidden" name="membershipId" value={member.id} />
              <input type="hidden" name="version" value={member.version} />
              <SubmitButton variant="danger" pendingText="Removing…">
                {isSelf ? "Leave team" : "Remove member"}
              </SubmitButton>
            </form>
          </ConfirmDialog>
        </div>
        {failure ? (
          <div id={errorId} className="mt-2 max-w-xs">
            <Alert tone="error">{failure.fieldErrors?.roles?.join(" ") ?? failure.error}</Alert>
          </div>
        ) : null}
      </td>
    </tr>
  );
}
