"use client";

import { defaultFilter } from "cmdk";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import {
  Command,
  CommandEmpty,
  CommandGroup,
  CommandInput,
  CommandItem,
  CommandList,
  CommandLoading,
  Kbd,
} from "@/components/ui/command";
import { Modal } from "@/components/ui/modal";
import type { PaletteAction } from "@/components/palette/palette-context";
import { ROLE_LABELS } from "@/lib/authz/permissions";
import { STAGE_LABELS } from "@/lib/features/stages";
import type { PaletteResults } from "@/lib/search/queries";

export type PaletteTeam = { id: string; name: string; canCreate: boolean; canAudit: boolean };

type Entry = { id: string; label: string; hint?: React.ReactNode; keywords?: string[]; run: () => void };

// Typing pauses this long before the server is asked.
const SEARCH_DELAY_MS = 150;
const STAGE_PAGES = ["IDEA", "POC", "BUILD", "VALIDATION", "PRODUCTION", "PAUSED", "RETIRED"] as const;

/** Entries matching the search, best first; all of them while it is empty. */
function matching(entries: Entry[], search: string) {
  if (!search.trim()) return entries;
  return entries
    .map((entry) => ({ entry, score: defaultFilter(entry.label, search.trim(), entry.keywords) }))
    .filter((x) => x.score > 0)
    .sort((a, b) => b.score - a.score)
    .map((x) => x.entry);
}

/** The team's features and people matching the text, from the server; null while it answers. */
function useTeamSearch(teamId: string | null, text: string) {
  const [results, setResults] = useState<{ text: string; data: PaletteResults | "failed" } | null>(null);
  const query = text.trim();
  useEffect(() => {
    if (!teamId || !query) return;
    const controller = new AbortController();
    const timer = setTimeout(async () => {
      try {
        const response = await fetch(`/teams/${teamId}/search?${new URLSearchParams({ q: query })}`, {
          signal: controller.signal,
          headers: { accept: "application/json" },
        });
        if (!response.ok) throw new Error(`search answered ${response.status}`);
        setResults({ text: query, data: (await response.json()) as PaletteResults });
      } catch (error) {
        if (!controller.signal.aborted) {
          console.error(error);
          setResults({ text: query, data: "failed" });
        }
      }
    }, SEARCH_DELAY_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [teamId, query]);
  if (!teamId || !query) return { data: null, loading: false };
  return results?.text === query ? { data: results.data, loading: false } : { data: null, loading: true };
}

/**
 * Ctrl/⌘K: find the team's features and people, open any page, run the
 * common actions. Outside a team it offers the teams and account pages.
 */
export function CommandPalette({
  teams,
  team,
  featureId,
  pageActions,
  onClose,
  onShowShortcuts,
}: {
  teams: PaletteTeam[];
  team: PaletteTeam | null;
  featureId: string | null;
  pageActions: PaletteAction[];
  onClose: () => void;
  onShowShortcuts: () => void;
}) {
  const router = useRouter();
  const [search, setSearch] = useState("");
  const found = useTeamSearch(team?.id ?? null, search);
  const go = (href: string) => () => {
    onClose();
    router.push(href);
  };
  const base = team ? `/teams/${team.id}` : "";

  const actions: Entry[] = [
    ...pageActions.map((a) => ({
      id: `page-${a.id}`,
      label: a.label,
      hint: a.hint,
      run: () => {
        onClose();
        a.run();
      },
    })),
    ...(team && featureId
      ? [{ id: "gate", label: "Go to the gate", keywords: ["sign", "sign-off"], run: go(`${base}/features/${featureId}#gate-heading`) }]
      : []),
    ...(team?.canCreate ? [{ id: "new-feature", label: "New feature", hint: <Kbd>c</Kbd>, keywords: ["create"], run: go(`${base}/features/new`) }] : []),
    ...(team ? [{ id: "my-work-action", label: "Go to my work", keywords: ["inbox", "assigned"], run: go(`${base}/my-work`) }] : []),
    { id: "shortcuts", label: "Show keyboard shortcuts", hint: <Kbd>?</Kbd>, keywords: ["keys", "help"], run: onShowShortcuts },
  ];
  const pages: Entry[] = [
    ...(team
      ? [
          { id: "board", label: "Board", run: go(base) },
          { id: "my-work", label: "My work", run: go(`${base}/my-work`) },
          { id: "qa", label: "QA queue", keywords: ["verdicts", "criteria"], run: go(`${base}/qa`) },
          { id: "insights", label: "Insights", keywords: ["charts", "funnel"], run: go(`${base}/insights`) },
          { id: "members", label: "Members", keywords: ["people", "invite", "roles"], run: go(`${base}/members`) },
          { id: "settings", label: "Gate settings", keywords: ["requirements", "readiness bar"], run: go(`${base}/settings`) },
          ...(team.canAudit ? [{ id: "audit", label: "Audit log", keywords: ["history"], run: go(`${base}/audit`) }] : []),
          ...STAGE_PAGES.map((stage) => ({
            id: `stage-${stage}`,
            label: `Stage: ${STAGE_LABELS[stage]}`,
            keywords: ["stage", "column"],
            run: go(`${base}/stages/${stage.toLowerCase()}`),
          })),
        ]
      : []),
    { id: "account", label: "Account", keywords: ["password", "sessions", "sign out"], run: go("/account") },
  ];
  const teamEntries: Entry[] = [
    ...teams.map((t) => ({
      id: `team-${t.id}`,
      label: t.id === team?.id ? `${t.name} (this team)` : `Switch to ${t.name}`,
      keywords: ["team", t.name],
      run: go(`/teams/${t.id}`),
    })),
    { id: "new-team", label: "Create a team", keywords: ["new team"], run: go("/teams/new") },
  ];

  const results = found.data && found.data !== "failed" ? found.data : null;
  const shown = {
    actions: matching(actions, search),
    pages: matching(pages, search),
    teams: matching(teamEntries, search),
  };
  // The first item is highlighted (Enter opens it) each time the list
  // changes, features that arrive after the typing included; arrows move on.
  const firstValue =
    (results?.features[0] && `feature-${results.features[0].id}`) ??
    shown.actions[0]?.id ??
    (results?.people[0] && `person-${results.people[0].id}`) ??
    shown.pages[0]?.id ??
    shown.teams[0]?.id ??
    "";
  const listKey = `${search}|${results ? "results" : "none"}`;
  const [pick, setPick] = useState({ listKey: "", value: "" });
  const highlighted = pick.listKey === listKey ? pick.value : firstValue;

  return (
    <Modal open onOpenChange={(open) => (open ? undefined : onClose())} title="Command palette" titleHidden width="max-w-xl">
      <Command label="Command palette" value={highlighted} onValueChange={(value) => setPick({ listKey, value })}>
        <CommandInput
          value={search}
          onValueChange={setSearch}
          placeholder={team ? "Search features, people, pages and actions…" : "Search teams, pages and actions…"}
        />
        <CommandList label="Results">
          {found.loading ? <CommandLoading>Searching {team?.name}…</CommandLoading> : null}
          {found.data === "failed" ? (
            <p role="alert" className="px-3 py-2 text-sm text-red-800">
              The search did not answer. Try again in a moment.
            </p>
          ) : null}
          {!found.loading ? <CommandEmpty>Nothing matches “{search.trim()}”.</CommandEmpty> : null}
          {results?.features.length ? (
            <CommandGroup heading="Features">
              {results.features.map((f) => (
                <CommandItem key={f.id} value={`feature-${f.id}`} hint={STAGE_LABELS[f.stage]} onSelect={go(`${base}/features/${f.id}`)}>
                  {f.title}
                </CommandItem>
              ))}
            </CommandGroup>
          ) : null}
          {shown.actions.length ? (
            <CommandGroup heading="Actions">
              {shown.actions.map((e) => (
                <CommandItem key={e.id} value={e.id} hint={e.hint} onSelect={e.run}>
                  {e.label}
                </CommandItem>
              ))}
            </CommandGroup>
          ) : null}
          {results?.people.length ? (
            <CommandGroup heading="People">
              {results.people.map((p) => (
                <CommandItem
                  key={p.id}
                  value={`person-${p.id}`}
                  hint={p.roles.map((r) => ROLE_LABELS[r]).join(", ")}
                  onSelect={go(`${base}?person=${p.id}`)}
                >
                  {p.name} <span className="text-slate-600">· features on the board</span>
                </CommandItem>
              ))}
            </CommandGroup>
          ) : null}
          {shown.pages.length ? (
            <CommandGroup heading="Pages">
              {shown.pages.map((e) => (
                <CommandItem key={e.id} value={e.id} hint={e.hint} onSelect={e.run}>
                  {e.label}
                </CommandItem>
              ))}
            </CommandGroup>
          ) : null}
          {shown.teams.length ? (
            <CommandGroup heading="Teams">
              {shown.teams.map((e) => (
                <CommandItem key={e.id} value={e.id} onSelect={e.run}>
                  {e.label}
                </CommandItem>
              ))}
            </CommandGroup>
          ) : null}
        </CommandList>
      </Command>
      <p className="border-t border-slate-200 px-4 py-2 text-xs text-slate-600">
        <Kbd>↑</Kbd> <Kbd>↓</Kbd> to move, <Kbd>Enter</Kbd> to open, <Kbd>Esc</Kbd> to close
      </p>
    </Modal>
  );
}
