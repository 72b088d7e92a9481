import { BoardSkeleton, GroupSkeleton } from "@/components/groups/group-skeleton";

export default function EpicBoardsLoading() {
  return (
    <GroupSkeleton label="Loading the epic board…">
      <BoardSkeleton />
    </GroupSkeleton>
  );
}
