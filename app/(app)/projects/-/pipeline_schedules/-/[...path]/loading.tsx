import { GroupSkeleton, ListSkeleton, ToolbarSkeleton } from "@/components/groups/group-skeleton";

export default function PipelineSchedulesLoading() {
  return (
    <GroupSkeleton label="Loading pipeline schedules…">
      <ToolbarSkeleton />
      <ListSkeleton rows={4} lines={2} />
    </GroupSkeleton>
  );
}
