import { describe, expect, it } from "vitest";
import { availableShortcuts, keyLabels, keyName, matchShortcut, SHORTCUTS } from "@/lib/shortcuts";

const press = (key: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean }> = {}) => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  ...mods,
});

/** Types `keys` one by one; the ids of the shortcuts they ran. */
function type(keys: string[], scope = { inTeam: true, canCreate: true, canAudit: true }) {
  const list = availableShortcuts(scope);
  let pending: string[] = [];
  const ran: string[] = [];
  for (const key of keys) {
    const match = matchShortcut(list, pending, key);
    pending = match && "pending" in match ? match.pending : [];
    if (match && "shortcut" in match) ran.push(match.shortcut.id);
  }
  return ran;
}

describe("keyboard shortcuts", () => {
  it("have unique ids and no key sequence that two of them share or that starts another", () => {
    expect(new Set(SHORTCUTS.map((s) => s.id)).size).toBe(SHORTCUTS.length);
    const all = SHORTCUTS.flatMap((s) => s.keys as readonly string[]);
    expect(new Set(all).size).toBe(all.length);
    for (const a of all) for (const b of all) if (a !== b) expect(b.startsWith(`${a} `), `${a} starts ${b}`).toBe(false);
  });

  it("run sequences and single keys, and recover from a wrong second key", () => {
    expect(type(["g", "b"])).toEqual(["board"]);
    expect(type(["g", "m", "g", "q"])).toEqual(["my-work", "qa"]);
    expect(type(["c"])).toEqual(["new-feature"]);
    expect(type(["g", "x", "c"])).toEqual(["new-feature"]);
    expect(type(["g", "c"])).toEqual(["new-feature"]);
    expect(type(["b", "x", "?"])).toEqual(["help"]);
    expect(type(["mod+k"])).toEqual(["palette"]);
    expect(type(["/"])).toEqual(["palette"]);
  });

  it("offer team pages only inside a team, new feature only to creators, the audit log only to leads", () => {
    expect(type(["g", "b", "c"], { inTeam: false, canCreate: false, canAudit: false })).toEqual([]);
    expect(type(["c", "g", "a"], { inTeam: true, canCreate: false, canAudit: false })).toEqual([]);
    expect(type(["g", "a"], { inTeam: true, canCreate: false, canAudit: true })).toEqual(["audit"]);
    expect(availableShortcuts({ inTeam: false, canCreate: false, canAudit: false }).map((s) => s.id)).toEqual(["palette", "help"]);
  });

  it("name key presses as the list writes them", () => {
    expect(keyName(press("K", { ctrlKey: true }))).toBe("mod+k");
    expect(keyName(press("k", { metaKey: true }))).toBe("mod+k");
    expect(keyName(press("G"))).toBe("g");
    expect(keyName(press("?"))).toBe("?");
    expect(keyName(press("Enter"))).toBeNull();
    expect(keyName(press("b", { altKey: true }))).toBeNull();
    expect(keyLabels("mod+k", true)).toEqual(["⌘", "K"]);
    expect(keyLabels("mod+k", false)).toEqual(["Ctrl", "K"]);
    expect(keyLabels("g b", false)).toEqual(["g", "b"]);
  });
});
