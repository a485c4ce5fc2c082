"use client";

import { usePathname, useRouter } from "next/navigation";
import { useCallback, useEffect, useMemo, useState } from "react";
import { CommandPalette, type PaletteTeam } from "@/components/palette/command-palette";
import { PaletteContext, type PaletteAction, type PaletteControls } from "@/components/palette/palette-context";
import { ShortcutsDialog } from "@/components/palette/shortcuts-dialog";
import { availableShortcuts, keyName, matchShortcut, type Shortcut } from "@/lib/shortcuts";

const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
const TEAM_PATH = new RegExp(`^/teams/(${UUID})(?:/|$)`, "i");
const FEATURE_PATH = new RegExp(`^/teams/${UUID}/features/(${UUID})(?:/|$)`, "i");

// A second key of a sequence ("g", then "b") must follow within this time.
const SEQUENCE_MS = 1500;

/** Where a key press is typing, not a command: text fields, selects, editable text. */
function isTyping(target: EventTarget | null) {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && !["checkbox", "radio", "button", "submit", "reset"].includes(target.type);
}

/** A dialog already has the keyboard (a confirmation, the palette itself). */
const dialogOpen = () => document.querySelector('dialog[open], [role="dialog"], [role="alertdialog"]') !== null;

/**
 * The signed-in app's keyboard layer: the command palette (Ctrl/⌘K or /),
 * the shortcuts of lib/shortcuts.ts and their "?" list, and the commands
 * pages offer while shown (usePaletteActions).
 */
export function AppCommands({ teams, children }: { teams: PaletteTeam[]; children: React.ReactNode }) {
  const router = useRouter();
  const pathname = usePathname();
  const team = teams.find((t) => t.id === TEAM_PATH.exec(pathname)?.[1]?.toLowerCase()) ?? null;
  const featureId = team ? (FEATURE_PATH.exec(pathname)?.[1] ?? null) : null;
  const [paletteOpen, setPaletteOpen] = useState(false);
  const [shortcutsOpen, setShortcutsOpen] = useState(false);
  // What the page offers, by the component offering it. Parts of a page
  // hydrate after this layout, so an open palette takes in late arrivals.
  const [registry, setRegistry] = useState<ReadonlyMap<string, PaletteAction[]>>(new Map());

  const controls = useMemo<PaletteControls>(
    () => ({
      openPalette: () => {
        setShortcutsOpen(false);
        setPaletteOpen(true);
      },
      openShortcuts: () => {
        setPaletteOpen(false);
        setShortcutsOpen(true);
      },
      register: (key, actions) => {
        setRegistry((current) => new Map(current).set(key, actions));
        return () =>
          setRegistry((current) => {
            const next = new Map(current);
            next.delete(key);
            return next;
          });
      },
    }),
    [],
  );

  const shortcuts = useMemo(
    () => availableShortcuts({ inTeam: team !== null, canCreate: team?.canCreate ?? false, canAudit: team?.canAudit ?? false }),
    [team],
  );

  const run = useCallback(
    (shortcut: Shortcut) => {
      if (shortcut.id === "palette") controls.openPalette();
      else if (shortcut.id === "help") controls.openShortcuts();
      else if (team && shortcut.teamPath !== undefined) router.push(`/teams/${team.id}${shortcut.teamPath}`);
    },
    [controls, router, team],
  );

  useEffect(() => {
    let pending: string[] = [];
    let timer: ReturnType<typeof setTimeout> | undefined;
    function onKeyDown(event: KeyboardEvent) {
      if (event.defaultPrevented || event.isComposing) return;
      const key = keyName(event);
      // Ctrl/⌘K toggles the palette from anywhere, a text field included.
      if (key === "mod+k") {
        event.preventDefault();
        pending = [];
        if (paletteOpen) setPaletteOpen(false);
        else controls.openPalette();
        return;
      }
      if (!key || isTyping(event.target) || dialogOpen()) {
        pending = [];
        return;
      }
      const match = matchShortcut(shortcuts, pending, key);
      clearTimeout(timer);
      pending = match && "pending" in match ? match.pending : [];
      if (pending.length) timer = setTimeout(() => (pending = []), SEQUENCE_MS);
      if (match && "shortcut" in match) {
        event.preventDefault();
        run(match.shortcut);
      }
    }
    window.addEventListener("keydown", onKeyDown);
    return () => {
      window.removeEventListener("keydown", onKeyDown);
      clearTimeout(timer);
    };
  }, [controls, paletteOpen, run, shortcuts]);

  return (
    <PaletteContext.Provider value={controls}>
      {children}
      {paletteOpen ? (
        <CommandPalette
          teams={teams}
          team={team}
          featureId={featureId}
          pageActions={[...registry.values()].flat()}
          onClose={() => setPaletteOpen(false)}
          onShowShortcuts={controls.openShortcuts}
        />
      ) : null}
      <ShortcutsDialog open={shortcutsOpen} onOpenChange={setShortcutsOpen} shortcuts={shortcuts} />
    </PaletteContext.Provider>
  );
}
