"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";

/**
 * The spec as its editors see it: rendered by default, with an Edit mode.
 * The editor stays mounted while the rendered spec is shown, so switching
 * back and forth keeps what was typed.
 */
export function SpecWorkspace({ view, editor, editFirst }: { view: React.ReactNode; editor: React.ReactNode; editFirst: boolean }) {
  const [mode, setMode] = useState<"view" | "edit">(editFirst ? "edit" : "view");
  return (
    <div className="flex flex-col gap-4">
      <div role="group" aria-label="Spec mode" className="flex gap-2">
        <Button variant={mode === "view" ? "primary" : "secondary"} aria-pressed={mode === "view"} onClick={() => setMode("view")}>
          View
        </Button>
        <Button variant={mode === "edit" ? "primary" : "secondary"} aria-pressed={mode === "edit"} onClick={() => setMode("edit")}>
          Edit
        </Button>
      </div>
      {mode === "view" ? view : null}
      <div hidden={mode !== "edit"}>{editor}</div>
    </div>
  );
}
