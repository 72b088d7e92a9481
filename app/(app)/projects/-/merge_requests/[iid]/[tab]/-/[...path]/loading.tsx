import { GroupSkeleton, ListSkeleton, ToolbarSkeleton } from "@/components/groups/group-skeleton";

export default function MergeRequestLoading() {
  return (
    <GroupSkeleton label="Loading the merge request…">
      <ToolbarSkeleton />
      <ListSkeleton rows={6} lines={2} />
    </GroupSkeleton>
  );
}
