import { GroupSkeleton, ListSkeleton, ToolbarSkeleton } from "@/components/groups/group-skeleton";

export default function BranchesLoading() {
  return (
    <GroupSkeleton label="Loading branches…">
      <ToolbarSkeleton />
      <ListSkeleton rows={8} lines={2} />
    </GroupSkeleton>
  );
}
