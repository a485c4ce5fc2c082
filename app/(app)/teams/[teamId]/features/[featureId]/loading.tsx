import { LoadingStatus, PanelSkeleton, Skeleton } from "@/components/ui/skeleton";

/** A feature while it loads: its header, then the gate and the other panels beside the side column. */
export default function Loading() {
  return (
    <LoadingStatus className="flex flex-col gap-6">
      <div>
        <Skeleton className="h-4 w-16" />
        <Skeleton className="mt-3 h-8 w-80 max-w-full" />
        <Skeleton className="mt-2 h-5 w-[36rem] max-w-full" />
        <div className="mt-3 flex flex-wrap gap-x-6 gap-y-1">
          <Skeleton className="h-4 w-28" />
          <Skeleton className="h-4 w-20" />
          <Skeleton className="h-4 w-24" />
        </div>
        <div className="mt-4 flex gap-2">
          <Skeleton className="h-9 w-24" />
          <Skeleton className="h-9 w-36" />
        </div>
      </div>
      <div className="grid gap-6 lg:grid-cols-[2fr_1fr]">
        <div className="flex flex-col gap-6">
          <PanelSkeleton rows={6} />
          <PanelSkeleton rows={4} />
        </div>
        <div className="flex flex-col gap-6">
          <PanelSkeleton rows={3} />
          <PanelSkeleton rows={4} />
        </div>
      </div>
    </LoadingStatus>
  );
}
