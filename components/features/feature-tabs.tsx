"use client";

import Link from "next/link";
import { useSelectedLayoutSegment } from "next/navigation";

// The feature's sections, each a page with its own URL. The layout renders
// them, so every section of a feature shows where else to go.
const TABS = [
  { segment: null, path: "", label: "Overview" },
  { segment: "spec", path: "/spec", label: "Spec" },
  { segment: "criteria", path: "/criteria", label: "Criteria" },
  { segment: "brief", path: "/brief", label: "Model brief" },
  { segment: "readiness", path: "/readiness", label: "Readiness" },
  { segment: "activity", path: "/activity", label: "Activity" },
] as const;

export function FeatureTabs({ teamId, featureId }: { teamId: string; featureId: string }) {
  const segment = useSelectedLayoutSegment();
  const base = `/teams/${teamId}/features/${featureId}`;
  return (
    // On a phone the tabs scroll sideways inside their strip; the faded right
    // edge shows there is more.
    <nav
      aria-label="Feature sections"
      className="mb-6 overflow-x-auto border-b border-slate-200 max-sm:[mask-image:linear-gradient(to_right,#000_85%,transparent)]"
    >
      <ul className="flex gap-1">
        {TABS.map((tab) => {
          const current = tab.segment === segment;
          return (
            <li key={tab.label}>
              <Link
                href={`${base}${tab.path}`}
                aria-current={current ? "page" : undefined}
                className={`-mb-px block border-b-2 px-3 py-2 text-sm font-medium whitespace-nowrap ${
                  current ? "border-indigo-700 text-indigo-800" : "border-transparent text-slate-700 hover:text-slate-900"
                }`}
              >
                {tab.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
