import { GroupSkeleton, ListSkeleton, ToolbarSkeleton } from "@/components/groups/group-skeleton";

export default function CommitsLoading() {
  return (
    <GroupSkeleton label="Loading commits…">
      <ToolbarSkeleton />
      <ListSkeleton rows={8} lines={2} />
    </GroupSkeleton>
  );
}
