// The keyboard shortcuts: one list, read by the key handler and by the "?"
// dialog that lists them, so what is listed is what works.

export type ShortcutNeed = "team" | "create" | "audit";

export type Shortcut = {
  id: string;
  /**
   * Ways to type it: a sequence of keys separated by spaces ("g b": g, then
   * b) or one chord ("mod+k": Ctrl+K, or ⌘K on a Mac).
   */
  keys: readonly string[];
  label: string;
  group: "General" | "Go to" | "Actions";
  /** What it opens, under the current team ("" is the board). */
  teamPath?: string;
  /** Offered only inside a team, to those who may create features, to leads. */
  needs?: ShortcutNeed;
};

export const SHORTCUTS = [
  { id: "palette", keys: ["mod+k", "/"], label: "Open the command palette", group: "General" },
  { id: "help", keys: ["?"], label: "Show the keyboard shortcuts", group: "General" },
  { id: "board", keys: ["g b"], label: "Board", group: "Go to", teamPath: "", needs: "team" },
  { id: "my-work", keys: ["g m"], label: "My work", group: "Go to", teamPath: "/my-work", needs: "team" },
  { id: "qa", keys: ["g q"], label: "QA queue", group: "Go to", teamPath: "/qa", needs: "team" },
  { id: "insights", keys: ["g i"], label: "Insights", group: "Go to", teamPath: "/insights", needs: "team" },
  { id: "members", keys: ["g t"], label: "Members (team)", group: "Go to", teamPath: "/members", needs: "team" },
  { id: "settings", keys: ["g s"], label: "Gate settings", group: "Go to", teamPath: "/settings", needs: "team" },
  { id: "audit", keys: ["g a"], label: "Audit log", group: "Go to", teamPath: "/audit", needs: "audit" },
  { id: "new-feature", keys: ["c"], label: "New feature", group: "Actions", teamPath: "/features/new", needs: "create" },
] as const satisfies readonly Shortcut[];

export type ShortcutId = (typeof SHORTCUTS)[number]["id"];

/** What the current page allows: shortcuts that need more are neither listed nor run. */
export type ShortcutScope = { inTeam: boolean; canCreate: boolean; canAudit: boolean };

export function availableShortcuts(scope: ShortcutScope): Shortcut[] {
  return SHORTCUTS.filter((s: Shortcut) => {
    if (!s.needs) return true;
    if (!scope.inTeam) return false;
    if (s.needs === "create") return scope.canCreate;
    if (s.needs === "audit") return scope.canAudit;
    return true;
  });
}

/** A key press as the list writes it: "mod+k", "?", "g"; null for a key that is no shortcut's. */
export function keyName(event: { key: string; ctrlKey: boolean; metaKey: boolean; altKey: boolean }): string | null {
  if (event.altKey) return null;
  const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
  if (event.ctrlKey || event.metaKey) return key.length === 1 ? `mod+${key}` : null;
  return key.length === 1 ? key : null;
}

export type Match = { shortcut: Shortcut } | { pending: string[] } | null;

/**
 * The keys typed so far (`pending`) followed by `key`: a whole shortcut, the
 * start of one (keep waiting), or nothing. A key that starts no sequence
 * after a pending one is tried on its own, so "g x c" still runs "c".
 */
export function matchShortcut(shortcuts: readonly Shortcut[], pending: readonly string[], key: string): Match {
  const typed = [...pending, key];
  const sequences = shortcuts.flatMap((shortcut) => shortcut.keys.map((keys) => ({ shortcut, keys: keys.split(" ") })));
  const whole = sequences.find((s) => s.keys.length === typed.length && s.keys.every((k, i) => k === typed[i]));
  if (whole) return { shortcut: whole.shortcut };
  if (sequences.some((s) => s.keys.length > typed.length && typed.every((k, i) => s.keys[i] === k))) return { pending: typed };
  return pending.length ? matchShortcut(shortcuts, [], key) : null;
}

/** How a key reads in the dialog: "mod" is ⌘ on a Mac and Ctrl elsewhere. */
export function keyLabels(keys: string, mac: boolean): string[] {
  if (keys.startsWith("mod+")) return [mac ? "⌘" : "Ctrl", keys.slice(4).toUpperCase()];
  return keys.split(" ");
}
