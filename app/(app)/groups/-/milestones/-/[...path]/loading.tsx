import { GroupSkeleton, ListSkeleton, ToolbarSkeleton } from "@/components/groups/group-skeleton";

export default function MilestonesLoading() {
  return (
    <GroupSkeleton label="Loading milestones…">
      <ToolbarSkeleton tabs={3} />
      <ListSkeleton lines={2} />
    </GroupSkeleton>
  );
}
