import { GroupSkeleton, ListSkeleton, ToolbarSkeleton } from "@/components/groups/group-skeleton";

export default function EpicsLoading() {
  return (
    <GroupSkeleton label="Loading epics…">
      <ToolbarSkeleton tabs={3} />
      <ListSkeleton rows={8} lines={2} />
    </GroupSkeleton>
  );
}
