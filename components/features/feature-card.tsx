import Link from "next/link";
import { ROLE_LABELS } from "@/lib/authz/permissions";
import type { BoardCard } from "@/lib/features/board";

export function FeatureCard({ teamId, card }: { teamId: string; card: BoardCard }) {
  return (
    <li className="rounded-md border border-slate-200 bg-white p-3 shadow-sm">
      <Link
        href={`/teams/${teamId}/features/${card.id}`}
        className="font-medium text-slate-900 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-700"
      >
        {card.title}
      </Link>
      <dl className="mt-2 flex flex-col gap-0.5 text-xs text-slate-700">
        {card.phaseName ? (
          <div>
            <dt className="inline text-slate-500">Phase: </dt>
            <dd className="inline">{card.phaseName}</dd>
          </div>
        ) : null}
        <div>
          <dt className="inline text-slate-500">Accountable: </dt>
          <dd className="inline">{card.accountable ?? "Nobody"}</dd>
        </div>
        <div>
          <dt className="inline text-slate-500">In stage: </dt>
          <dd className="inline">{card.daysInStage === 1 ? "1 day" : `${card.daysInStage} days`}</dd>
        </div>
        {card.failedCriteria ? (
          <div className="font-medium text-red-800">
            {card.failedCriteria === 1 ? "1 acceptance criterion failed" : `${card.failedCriteria} acceptance criteria failed`}
          </div>
        ) : null}
        {card.waitingOn.length ? (
          <div>
            <dt className="inline text-slate-500">Waiting on: </dt>
            <dd className="inline text-amber-800">{card.waitingOn.map((r) => ROLE_LABELS[r]).join(", ")}</dd>
          </div>
        ) : null}
      </dl>
    </li>
  );
}
