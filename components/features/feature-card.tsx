import Link from "next/link";
import { ROLE_LABELS } from "@/lib/authz/permissions";
import type { BoardCard } from "@/lib/features/queries";

export function FeatureCard({ teamId, card }: { teamId: string; card: BoardCard }) {
  return (
    <li className="rounded-md border border-slate-200 bg-white p-3 shadow-sm">
      <Link
        href={`/teams/${teamId}/features/${card.id}`}
        className="font-medium text-slate-900 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-700"
      >
        {card.title}
      </Link>
      <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-2 gap-y-0.5 text-xs text-slate-700">
        {card.phaseName ? (
          <>
            <dt className="text-slate-500">Phase</dt>
            <dd>{card.phaseName}</dd>
          </>
        ) : null}
        <dt className="text-slate-500">Accountable</dt>
        <dd>{card.accountable ?? "Nobody"}</dd>
        <dt className="text-slate-500">In stage</dt>
        <dd>{card.daysInStage === 1 ? "1 day" : `${card.daysInStage} days`}</dd>
        {card.waitingOn.length ? (
          <>
            <dt className="text-slate-500">Waiting on</dt>
            <dd className="text-amber-800">{card.waitingOn.map((r) => ROLE_LABELS[r]).join(", ")}</dd>
          </>
        ) : null}
      </dl>
    </li>
  );
}
