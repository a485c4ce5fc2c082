import Link from "next/link";
import { ROLE_LABELS } from "@/lib/authz/permissions";
import type { BoardCard } from "@/lib/features/board";

// A board has up to a hundred of these: the markup is kept lean, since every
// element is rendered twice per request (HTML and the React payload).
export function FeatureCard({ teamId, card }: { teamId: string; card: BoardCard }) {
  const facts = [card.phaseName, card.accountable ? `${card.accountable} accountable` : "Nobody accountable", days(card.daysInStage)];
  return (
    <li className="rounded-md border border-slate-200 bg-white p-3 text-xs text-slate-700 shadow-sm">
      {/* No prefetch: a column of links in view would each fetch the feature's route. */}
      <Link href={`/teams/${teamId}/features/${card.id}`} prefetch={false} className="text-sm font-medium text-slate-900 hover:underline">
        {card.title}
      </Link>
      <p className="mt-1">{facts.filter(Boolean).join(" · ")}</p>
      {card.failedCriteria ? (
        <p className="mt-0.5 font-medium text-red-800">
          {card.failedCriteria === 1 ? "1 acceptance criterion failed" : `${card.failedCriteria} acceptance criteria failed`}
        </p>
      ) : null}
      {card.waitingOn.length ? (
        <p className="mt-0.5 text-amber-800">Waiting on {card.waitingOn.map((r) => ROLE_LABELS[r]).join(", ")}</p>
      ) : null}
    </li>
  );
}

function days(n: number) {
  return n === 1 ? "1 day in stage" : `${n} days in stage`;
}
