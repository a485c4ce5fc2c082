"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { InboxCount } from "@/components/my-work/inbox-count";

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
  return (
    <nav aria-label="Team">
      <ul className="flex flex-wrap gap-1">
        {links.map((link) => {
          const current = pathname === link.href;
          return (
            <li key={link.href}>
              <Link
                href={link.href}
                aria-current={current ? "page" : undefined}
                className={`rounded-md px-3 py-1.5 text-sm font-medium focus-visible:outline-2 focus-visible:outline-indigo-700 ${
                  current ? "bg-indigo-50 text-indigo-800" : "text-slate-700 hover:bg-slate-100"
                }`}
              >
                {link.label}
                {link.href === `${base}/my-work` ? <InboxCount teamId={teamId} /> : null}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
