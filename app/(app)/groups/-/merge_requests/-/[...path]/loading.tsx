import { GroupSkeleton, ListSkeleton, ToolbarSkeleton } from "@/components/groups/group-skeleton";

export default function GroupMergeRequestsLoading() {
  return (
    <GroupSkeleton label="Loading merge requests…">
      <ToolbarSkeleton />
      <ListSkeleton rows={6} lines={2} />
    </GroupSkeleton>
  );
}
