import { LoadingStatus, PageTitleSkeleton, Skeleton } from "@/components/ui/skeleton";

// Cards per column while the board loads: enough to fill the first screen.
const CARDS = [3, 2, 3, 1, 2, 1, 0];

/**
 * The board while it loads: the stage columns with grey cards. Shown by
 * app/(app)/teams/[teamId]/(board)/loading.tsx (a loading.tsx beside the
 * team layout would wrap every page below the team, and their notFound()
 * would then answer 200).
 */
export function BoardSkeleton() {
  return (
    <LoadingStatus>
      <div className="flex flex-wrap items-center justify-between gap-4">
        <PageTitleSkeleton />
        <div className="flex gap-2">
          <Skeleton className="h-9 w-32" />
          <Skeleton className="h-9 w-28" />
        </div>
      </div>
      <Skeleton className="mt-6 h-14 w-full max-w-3xl" />
      <div className="mt-6 grid gap-4 md:grid-cols-3 xl:grid-cols-7">
        {CARDS.map((cards, i) => (
          <div key={i} className={`rounded-lg p-3 ${i >= 5 ? "bg-slate-200/60" : "bg-slate-100"}`}>
            <div className="flex items-center justify-between">
              <Skeleton className="h-4 w-20 bg-slate-300" />
              <Skeleton className="h-4 w-6 bg-white" />
            </div>
            <div className="mt-3 flex flex-col gap-2">
              {Array.from({ length: cards }, (_, j) => (
                <div key={j} className="rounded-md border border-slate-200 bg-white p-3">
                  <Skeleton className="h-4 w-4/5" />
                  <Skeleton className="mt-2 h-3 w-1/2" />
                </div>
              ))}
              {cards === 0 ? <Skeleton className="h-3 w-10 bg-slate-300" /> : null}
            </div>
          </div>
        ))}
      </div>
    </LoadingStatus>
  );
}
