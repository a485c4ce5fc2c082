"use client";

import { Command as Cmdk } from "cmdk";

// cmdk's list with keyboard navigation (arrows, Enter) and screen-reader
// roles (combobox, listbox, option), styled for the app. Filtering is the
// caller's: results may come from the server.

export function Command({
  label,
  value,
  onValueChange,
  children,
}: {
  label: string;
  /** The highlighted item's value, when the caller decides it (results that arrive late). */
  value?: string;
  onValueChange?: (value: string) => void;
  children: React.ReactNode;
}) {
  return (
    <Cmdk label={label} shouldFilter={false} loop value={value} onValueChange={onValueChange} className="flex min-h-0 flex-col">
      {children}
    </Cmdk>
  );
}

export function CommandInput({
  value,
  onValueChange,
  placeholder,
}: {
  value: string;
  onValueChange: (value: string) => void;
  placeholder: string;
}) {
  return (
    <div className="border-b border-slate-200 px-4">
      <Cmdk.Input
        value={value}
        onValueChange={onValueChange}
        placeholder={placeholder}
        className="h-12 w-full bg-transparent text-base outline-none placeholder:text-slate-500"
      />
    </div>
  );
}

export function CommandList({ children, label }: { children: React.ReactNode; label: string }) {
  return (
    <Cmdk.List label={label} className="max-h-[60vh] min-h-0 overflow-y-auto overscroll-contain p-2">
      {children}
    </Cmdk.List>
  );
}

export function CommandEmpty({ children }: { children: React.ReactNode }) {
  return <Cmdk.Empty className="px-3 py-6 text-center text-sm text-slate-600">{children}</Cmdk.Empty>;
}

export function CommandLoading({ children }: { children: React.ReactNode }) {
  return <Cmdk.Loading className="px-3 py-2 text-sm text-slate-600">{children}</Cmdk.Loading>;
}

export function CommandGroup({ heading, children }: { heading: string; children: React.ReactNode }) {
  return (
    <Cmdk.Group
      heading={heading}
      className="py-1 [&_[cmdk-group-heading]]:px-3 [&_[cmdk-group-heading]]:py-1.5 [&_[cmdk-group-heading]]:text-xs [&_[cmdk-group-heading]]:font-semibold [&_[cmdk-group-heading]]:text-slate-600"
    >
      {children}
    </Cmdk.Group>
  );
}

export function CommandItem({
  value,
  onSelect,
  children,
  hint,
}: {
  /** Unique within the list: cmdk tracks the highlighted item by it. */
  value: string;
  onSelect: () => void;
  children: React.ReactNode;
  /** Shown at the right, muted: a stage, a role, a shortcut. */
  hint?: React.ReactNode;
}) {
  return (
    <Cmdk.Item
      value={value}
      onSelect={onSelect}
      className="flex cursor-pointer items-center justify-between gap-3 rounded-md px-3 py-2 text-sm text-slate-900 data-[selected=true]:bg-indigo-50 data-[selected=true]:text-indigo-900"
    >
      <span className="min-w-0 truncate">{children}</span>
      {hint ? <span className="shrink-0 text-xs text-slate-600">{hint}</span> : null}
    </Cmdk.Item>
  );
}

/** A key as printed on the keyboard. */
export function Kbd({ children }: { children: React.ReactNode }) {
  return (
    <kbd className="inline-flex min-w-6 items-center justify-center rounded border border-slate-300 bg-slate-50 px-1.5 py-0.5 font-sans text-xs font-medium text-slate-700">
      {children}
    </kbd>
  );
}
