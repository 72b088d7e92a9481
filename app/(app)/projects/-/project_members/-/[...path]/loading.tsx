import { GroupSkeleton, TableSkeleton } from "@/components/groups/group-skeleton";

export default function Loading() {
  return (
    <GroupSkeleton label="Loading members…">
      <TableSkeleton />
    </GroupSkeleton>
  );
}
