"use client";

import { useSyncExternalStore } from "react";
import { Kbd } from "@/components/ui/command";
import { Modal, ModalClose } from "@/components/ui/modal";
import { keyLabels, type Shortcut } from "@/lib/shortcuts";

const GROUPS: Shortcut["group"][] = ["General", "Go to", "Actions"];

const isMac = () => /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);
const noSubscription = () => () => {};

/** ⌘ or Ctrl: known in the browser only, so the server renders Ctrl. */
export function useIsMac() {
  return useSyncExternalStore(noSubscription, isMac, () => false);
}

/** "?": every shortcut the current page answers to, from the list the key handler reads. */
export function ShortcutsDialog({
  open,
  onOpenChange,
  shortcuts,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  shortcuts: Shortcut[];
}) {
  const mac = useIsMac();
  return (
    <Modal
      open={open}
      onOpenChange={onOpenChange}
      title="Keyboard shortcuts"
      description="They work anywhere in Liftoff except while you type in a field. For two keys, press the first, then the second."
    >
      <div className="overflow-y-auto px-5 pt-2 pb-5">
        {GROUPS.map((group) => {
          const inGroup = shortcuts.filter((s) => s.group === group);
          if (!inGroup.length) return null;
          return (
            <section key={group} aria-labelledby={`shortcuts-${group}`} className="mt-3">
              <h3 id={`shortcuts-${group}`} className="text-sm font-semibold text-slate-700">
                {group}
              </h3>
              <dl className="mt-1 divide-y divide-slate-100">
                {inGroup.map((s) => (
                  <div key={s.id} className="flex items-center justify-between gap-4 py-1.5 text-sm">
                    <dt>{s.label}</dt>
                    <dd className="flex shrink-0 items-center gap-1">
                      {s.keys.map((keys, i) => (
                        <span key={keys} className="flex items-center gap-1">
                          {i > 0 ? <span className="text-xs text-slate-600">or</span> : null}
                          {keyLabels(keys, mac).map((k, j) => (
                            <Kbd key={j}>{k}</Kbd>
                          ))}
                        </span>
                      ))}
                    </dd>
                  </div>
                ))}
              </dl>
            </section>
          );
        })}
        <div className="mt-4 flex justify-end">
          <ModalClose className="btn border border-slate-300 bg-white text-slate-900 hover:bg-slate-50">Close</ModalClose>
        </div>
      </div>
    </Modal>
  );
}
