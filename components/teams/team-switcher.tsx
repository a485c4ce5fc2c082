"use client";

import { useRouter } from "next/navigation";

export function TeamSwitcher({
  teams,
  currentTeamId,
}: {
  teams: { id: string; name: string }[];
  currentTeamId: string;
}) {
  const router = useRouter();
  return (
    <label className="flex min-w-0 items-center gap-2 text-sm">
      <span className="sr-only">Switch team</span>
      <select
        value={currentTeamId}
        onChange={(event) => {
          const value = event.target.value;
          router.push(value === "__new" ? "/teams/new" : `/teams/${value}`);
        }}
        className="max-w-48 min-w-0 truncate rounded-md border border-slate-300 bg-white px-2 py-1.5 font-medium focus-visible:outline-2 focus-visible:outline-indigo-700 sm:max-w-xs"
      >
        {teams.map((team) => (
          <option key={team.id} value={team.id}>
            {team.name}
          </option>
        ))}
        <option value="__new">+ Create a team…</option>
      </select>
    </label>
  );
}
