import { BoardSkeleton, GroupSkeleton } from "@/components/groups/group-skeleton";

export default function BoardLoading() {
  return (
    <GroupSkeleton label="Loading the board…">
      <BoardSkeleton />
    </GroupSkeleton>
  );
}
