"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { InboxBadge, useInboxCount } from "@/components/my-work/inbox-count";

export function TeamNav({ teamId, isLead }: { teamId: string; isLead: boolean }) {
  const pathname = usePathname();
  const base = `/teams/${teamId}`;
  const links = [
    { href: base, label: "Board" },
    { href: `${base}/my-work`, label: "My work" },
    { href: `${base}/qa`, label: "QA queue" },
    { href: `${base}/insights`, label: "Insights" },
    { href: `${base}/members`, label: "Members" },
    { href: `${base}/settings`, label: "Gate settings" },
    ...(isLead ? [{ href: `${base}/audit`, label: "Audit log" }] : []),
  ];
  const inboxCount = useInboxCount(teamId);
  // The section this page belongs to (a feature or stage page is the board's).
  const current =
    links.find((link) => link.href === pathname) ??
    links.slice(1).find((link) => pathname.startsWith(`${link.href}/`)) ??
    links[0]!;
  const item = (link: (typeof links)[number], extra: string) => {
    const here = pathname === link.href;
    return (
      <Link
        href={link.href}
        aria-current={here ? "page" : undefined}
        className={`rounded-md px-3 py-1.5 text-sm font-medium focus-visible:outline-2 focus-visible:outline-indigo-700 ${extra} ${
          here ? "bg-indigo-50 text-indigo-800" : "text-slate-700 hover:bg-slate-100"
        }`}
      >
        {link.label}
        {link.href === `${base}/my-work` ? <InboxBadge count={inboxCount} /> : null}
      </Link>
    );
  };
  return (
    <nav aria-label="Team" className="min-w-0">
      {/* Phones: one button that opens the list, instead of a wrapped row.
          Keyed by the path so it closes once a link is followed. */}
      <details key={pathname} className="group relative sm:hidden">
        <summary className="flex cursor-pointer list-none items-center gap-1 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 [&::-webkit-details-marker]:hidden">
          <span className="sr-only">Team menu: </span>
          {current.label}
          {current.href.endsWith("/my-work") ? null : <InboxBadge count={inboxCount} />}
          <svg viewBox="0 0 20 20" fill="currentColor" className="size-4 transition-transform group-open:rotate-180" aria-hidden="true">
            <path d="M5.3 7.3a1 1 0 0 1 1.4 0L10 10.6l3.3-3.3a1 1 0 1 1 1.4 1.4l-4 4a1 1 0 0 1-1.4 0l-4-4a1 1 0 0 1 0-1.4Z" />
          </svg>
        </summary>
        <ul className="absolute right-0 z-20 mt-1 flex w-48 flex-col gap-0.5 rounded-md border border-slate-200 bg-white p-1 shadow-lg">
          {links.map((link) => (
            <li key={link.href}>{item(link, "block")}</li>
          ))}
        </ul>
      </details>
      <ul className="hidden flex-wrap gap-1 sm:flex">
        {links.map((link) => (
          <li key={link.href}>{item(link, "")}</li>
        ))}
      </ul>
    </nav>
  );
}
