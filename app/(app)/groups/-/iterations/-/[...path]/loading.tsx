import { GroupSkeleton, HeadingSkeleton, ListSkeleton, ToolbarSkeleton } from "@/components/groups/group-skeleton";

export default function IterationsLoading() {
  return (
    <GroupSkeleton label="Loading iterations…">
      <ToolbarSkeleton tabs={3} />
      <HeadingSkeleton />
      <ListSkeleton rows={4} lines={2} />
    </GroupSkeleton>
  );
}
