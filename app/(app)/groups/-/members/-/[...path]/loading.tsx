import { GroupSkeleton, TableSkeleton, ToolbarSkeleton } from "@/components/groups/group-skeleton";

export default function MembersLoading() {
  return (
    <GroupSkeleton label="Loading members…">
      <ToolbarSkeleton />
      <TableSkeleton />
    </GroupSkeleton>
  );
}
