"use client";

import { Kbd } from "@/components/ui/command";
import { usePalette } from "@/components/palette/palette-context";
import { useIsMac } from "@/components/palette/shortcuts-dialog";

/** The palette for mouse and touch users, with its shortcut on wider screens. */
export function PaletteButton() {
  const palette = usePalette();
  const mac = useIsMac();
  return (
    <button
      type="button"
      onClick={() => palette?.openPalette()}
      aria-keyshortcuts="Control+K Meta+K"
      className="flex items-center gap-2 rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm text-slate-700 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-indigo-700"
    >
      <svg aria-hidden viewBox="0 0 20 20" className="h-4 w-4 fill-none stroke-current stroke-2">
        <circle cx="9" cy="9" r="6" />
        <path d="m14 14 4 4" strokeLinecap="round" />
      </svg>
      <span>Search</span>
      <span className="hidden items-center gap-0.5 sm:flex" aria-hidden>
        <Kbd>{mac ? "⌘" : "Ctrl"}</Kbd>
        <Kbd>K</Kbd>
      </span>
    </button>
  );
}
