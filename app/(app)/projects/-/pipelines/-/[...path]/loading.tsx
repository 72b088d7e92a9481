import { GroupSkeleton, ListSkeleton, ToolbarSkeleton } from "@/components/groups/group-skeleton";

export default function PipelinesLoading() {
  return (
    <GroupSkeleton label="Loading pipelines…">
      <ToolbarSkeleton />
      <ListSkeleton rows={5} lines={2} />
    </GroupSkeleton>
  );
}
