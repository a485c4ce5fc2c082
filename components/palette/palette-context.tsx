"use client";

import { createContext, useContext, useEffect, useId } from "react";

/** A command a page offers in the palette while it is shown (sign this gate). */
export type PaletteAction = { id: string; label: string; hint?: string; run: () => void };

export type PaletteControls = {
  openPalette: () => void;
  openShortcuts: () => void;
  /** Offers `actions` until the returned function is called. */
  register: (key: string, actions: PaletteAction[]) => () => void;
};

export const PaletteContext = createContext<PaletteControls | null>(null);

export function usePalette() {
  return useContext(PaletteContext);
}

/**
 * Offers the page's own commands in the palette while the calling component
 * is mounted. Outside the signed-in app (no palette) it does nothing.
 */
export function usePaletteActions(actions: PaletteAction[]) {
  const key = useId();
  const palette = usePalette();
  const register = palette?.register;
  useEffect(() => register?.(key, actions), [register, key, actions]);
}
