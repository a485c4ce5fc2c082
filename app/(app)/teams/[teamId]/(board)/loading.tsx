import { BoardSkeleton } from "@/components/features/board-skeleton";

// In a route group of its own, so the skeleton wraps the board only: the
// team's other pages keep answering 404 for what they do not find.
export default function BoardLoading() {
  return <BoardSkeleton />;
}
