/**
 * Placeholders shown while a page loads (its loading.tsx). Blocks are sized
 * like the content they stand for, so the page does not jump when it comes.
 * The pulse stops for people who ask for reduced motion.
 */
export function Skeleton({ className = "" }: { className?: string }) {
  return <div aria-hidden="true" className={`rounded-md bg-slate-200 motion-safe:animate-pulse ${className}`} />;
}

/** The region that is loading: announced once as "Loading…"; its blocks are hidden from screen readers. */
export function LoadingStatus({ children, className = "" }: { children: React.ReactNode; className?: string }) {
  return (
    <div role="status" className={className}>
      <span className="sr-only">Loading…</span>
      {children}
    </div>
  );
}

/** A page's title and the line under it, at the heights of `text-2xl` and `text-sm`. */
export function PageTitleSkeleton({ lines = 1 }: { lines?: number }) {
  return (
    <div>
      <Skeleton className="h-8 w-56 max-w-full" />
      {Array.from({ length: lines }, (_, i) => (
        <Skeleton key={i} className={`mt-2 h-4 max-w-full ${i % 2 ? "w-72" : "w-[32rem]"}`} />
      ))}
    </div>
  );
}

/** A bordered white panel of `rows` text lines. */
export function PanelSkeleton({ rows = 3, className = "" }: { rows?: number; className?: string }) {
  return (
    <div aria-hidden="true" className={`rounded-lg border border-slate-200 bg-white p-5 ${className}`}>
      <Skeleton className="h-6 w-40" />
      {Array.from({ length: rows }, (_, i) => (
        <Skeleton key={i} className={`mt-3 h-4 ${i % 3 === 2 ? "w-2/3" : "w-full"}`} />
      ))}
    </div>
  );
}

/** A bordered list of `rows` rows, as the lists of My work, the audit log and the members table. */
export function ListSkeleton({ rows = 4, className = "" }: { rows?: number; className?: string }) {
  return (
    <div aria-hidden="true" className={`divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white ${className}`}>
      {Array.from({ length: rows }, (_, i) => (
        <div key={i} className="flex items-center justify-between gap-4 px-4 py-3">
          <Skeleton className={`h-4 ${i % 2 ? "w-1/2" : "w-2/3"}`} />
          <Skeleton className="h-4 w-24 shrink-0" />
        </div>
      ))}
    </div>
  );
}
