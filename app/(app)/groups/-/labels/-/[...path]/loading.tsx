import { GroupSkeleton, ListSkeleton, ToolbarSkeleton } from "@/components/groups/group-skeleton";

export default function LabelsLoading() {
  return (
    <GroupSkeleton label="Loading labels…">
      <ToolbarSkeleton />
      <ListSkeleton chip />
    </GroupSkeleton>
  );
}
