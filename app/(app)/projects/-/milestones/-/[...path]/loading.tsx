import { GroupSkeleton, ListSkeleton } from "@/components/groups/group-skeleton";

export default function Loading() {
  return (
    <GroupSkeleton label="Loading milestones…">
      <ListSkeleton />
    </GroupSkeleton>
  );
}
