"use client";

import { useTheme } from "next-themes";
import { useId, useSyncExternalStore } from "react";

const icon = "size-4";
const OPTIONS = [
  {
    value: "light",
    label: "Light",
    icon: (
      <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" className={icon} aria-hidden="true">
        <circle cx="12" cy="12" r="4" />
        <path d="M12 2v2M12 20v2M4.9 4.9l1.4 1.4M17.7 17.7l1.4 1.4M2 12h2M20 12h2M4.9 19.1l1.4-1.4M17.7 6.3l1.4-1.4" />
      </svg>
    ),
  },
  {
    value: "dark",
    label: "Dark",
    icon: (
      <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinejoin="round" className={icon} aria-hidden="true">
        <path d="M20 14.5A8 8 0 0 1 9.5 4 8 8 0 1 0 20 14.5Z" />
      </svg>
    ),
  },
  {
    value: "system",
    label: "System",
    icon: (
      <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinejoin="round" strokeLinecap="round" className={icon} aria-hidden="true">
        <rect x="3" y="4" width="18" height="12" rx="2" />
        <path d="M8 20h8M12 16v4" />
      </svg>
    ),
  },
] as const;

const subscribe = () => () => {};

/**
 * Light / dark / follow the system, as three radio buttons (arrow keys move
 * between them). next-themes keeps the choice in localStorage and applies it
 * before the first paint.
 */
export function ThemeSwitch() {
  const { theme, setTheme } = useTheme();
  const name = useId();
  // The stored choice is only known in the browser: nothing is checked in
  // the server's HTML, so hydration matches.
  const mounted = useSyncExternalStore(subscribe, () => true, () => false);
  const current = mounted ? (theme ?? "system") : undefined;
  return (
    <fieldset className="flex shrink-0 items-center gap-0.5 rounded-md border border-slate-300 bg-white p-0.5">
      <legend className="sr-only">Theme</legend>
      {OPTIONS.map((option) => (
        <label
          key={option.value}
          title={option.label}
          className="relative flex cursor-pointer rounded p-1 text-slate-600 hover:text-slate-900 has-checked:bg-indigo-50 has-checked:text-indigo-800 has-focus-visible:outline-2 has-focus-visible:outline-offset-1 has-focus-visible:outline-indigo-700"
        >
          <input
            type="radio"
            name={name}
            value={option.value}
            checked={current === option.value}
            onChange={() => setTheme(option.value)}
            // Drawn by the label: the bare input covers it, so a click or tap anywhere on it lands on the radio.
            className="absolute inset-0 m-0 cursor-pointer appearance-none rounded focus-visible:outline-none"
          />
          {option.icon}
          <span className="sr-only">{option.label}</span>
        </label>
      ))}
    </fieldset>
  );
}
