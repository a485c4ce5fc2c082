import { ListSkeleton, LoadingStatus, PageTitleSkeleton } from "@/components/ui/skeleton";

/** The audit log while it loads: a table of events. */
export default function Loading() {
  return (
    <LoadingStatus>
      <PageTitleSkeleton />
      <ListSkeleton rows={10} className="mt-6" />
    </LoadingStatus>
  );
}
