import { GroupSkeleton, TableSkeleton, ToolbarSkeleton } from "@/components/groups/group-skeleton";

export default function TreeLoading() {
  return (
    <GroupSkeleton label="Loading files…">
      <ToolbarSkeleton />
      <TableSkeleton rows={8} columns={3} />
    </GroupSkeleton>
  );
}
