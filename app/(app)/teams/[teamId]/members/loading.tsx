import { ListSkeleton, LoadingStatus, PageTitleSkeleton } from "@/components/ui/skeleton";

/** Members while they load: the people × roles table. */
export default function Loading() {
  return (
    <LoadingStatus>
      <PageTitleSkeleton />
      <ListSkeleton rows={5} className="mt-6" />
    </LoadingStatus>
  );
}
