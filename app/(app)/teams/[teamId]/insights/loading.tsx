import { LoadingStatus, PageTitleSkeleton, Skeleton } from "@/components/ui/skeleton";

/** Insights while they load: the filters, then chart panels. */
export default function Loading() {
  return (
    <LoadingStatus className="flex flex-col gap-6">
      <div className="flex flex-col gap-4">
        <PageTitleSkeleton lines={2} />
        <Skeleton className="h-9 w-full max-w-xl" />
      </div>
      <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
        {[0, 1, 2, 3].map((i) => (
          <div key={i} className="rounded-lg border border-slate-200 bg-white p-4">
            <Skeleton className="h-3 w-32 max-w-full" />
            <Skeleton className="mt-2 h-7 w-16" />
          </div>
        ))}
      </div>
      <div className="grid gap-6 lg:grid-cols-2">
        {[0, 1, 2, 3].map((i) => (
          <div key={i} className="rounded-lg border border-slate-200 bg-white p-5">
            <Skeleton className="h-6 w-48" />
            <Skeleton className="mt-2 h-4 w-3/4" />
            <Skeleton className="mt-4 h-48 w-full" />
          </div>
        ))}
      </div>
    </LoadingStatus>
  );
}
