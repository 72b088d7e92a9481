import { GroupSkeleton, TableSkeleton, TextSkeleton, ToolbarSkeleton } from "@/components/groups/group-skeleton";

export default function PlaceholdersLoading() {
  return (
    <GroupSkeleton label="Loading placeholder users…">
      <TextSkeleton />
      <ToolbarSkeleton tabs={4} />
      <TableSkeleton columns={5} />
    </GroupSkeleton>
  );
}
