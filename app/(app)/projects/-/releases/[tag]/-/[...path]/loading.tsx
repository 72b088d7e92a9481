import { GroupSkeleton, ListSkeleton, ToolbarSkeleton } from "@/components/groups/group-skeleton";

export default function ReleaseLoading() {
  return (
    <GroupSkeleton label="Loading the release…">
      <ToolbarSkeleton />
      <ListSkeleton rows={8} lines={2} />
    </GroupSkeleton>
  );
}
