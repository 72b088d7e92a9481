import { GroupSkeleton, ListSkeleton, ToolbarSkeleton } from "@/components/groups/group-skeleton";

export default function ReleasesLoading() {
  return (
    <GroupSkeleton label="Loading releases…">
      <ToolbarSkeleton />
      <ListSkeleton rows={8} lines={2} />
    </GroupSkeleton>
  );
}
