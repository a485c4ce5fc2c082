import { ListSkeleton, LoadingStatus, PageTitleSkeleton, Skeleton } from "@/components/ui/skeleton";

/** My work while it loads: its sections of lists. */
export default function Loading() {
  return (
    <LoadingStatus>
      <PageTitleSkeleton />
      {[3, 2, 2].map((rows, i) => (
        <div key={i} className="mt-8">
          <Skeleton className="h-7 w-48" />
          <ListSkeleton rows={rows} className="mt-3" />
        </div>
      ))}
    </LoadingStatus>
  );
}
