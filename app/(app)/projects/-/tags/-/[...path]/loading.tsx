import { GroupSkeleton, ListSkeleton, ToolbarSkeleton } from "@/components/groups/group-skeleton";

export default function TagsLoading() {
  return (
    <GroupSkeleton label="Loading tags…">
      <ToolbarSkeleton />
      <ListSkeleton rows={8} lines={2} />
    </GroupSkeleton>
  );
}
