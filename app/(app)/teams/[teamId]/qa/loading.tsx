import { LoadingStatus, PageTitleSkeleton, Skeleton } from "@/components/ui/skeleton";

/** The QA queue while it loads: features with their criteria cards. */
export default function Loading() {
  return (
    <LoadingStatus>
      <PageTitleSkeleton lines={2} />
      {[3, 2].map((cards, i) => (
        <div key={i} className="mt-8">
          <Skeleton className="h-7 w-64 max-w-full" />
          <div className="mt-3 flex flex-col gap-3">
            {Array.from({ length: cards }, (_, j) => (
              <div key={j} className="rounded-lg border border-slate-200 bg-white p-4">
                <Skeleton className="h-3 w-20" />
                <Skeleton className="mt-2 h-4 w-3/4" />
                <Skeleton className="mt-2 h-4 w-1/2" />
              </div>
            ))}
          </div>
        </div>
      ))}
    </LoadingStatus>
  );
}
