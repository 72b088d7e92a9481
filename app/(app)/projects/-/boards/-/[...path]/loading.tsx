import { GroupSkeleton, BoardSkeleton } from "@/components/groups/group-skeleton";

export default function Loading() {
  return (
    <GroupSkeleton label="Loading boards…">
      <BoardSkeleton />
    </GroupSkeleton>
  );
}
