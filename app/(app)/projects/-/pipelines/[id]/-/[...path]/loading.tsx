import { GroupSkeleton, ListSkeleton, ToolbarSkeleton } from "@/components/groups/group-skeleton";

export default function PipelineLoading() {
  return (
    <GroupSkeleton label="Loading the pipeline…">
      <ToolbarSkeleton />
      <ListSkeleton rows={5} lines={2} />
    </GroupSkeleton>
  );
}
