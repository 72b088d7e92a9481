import { DetailSkeleton, GroupSkeleton } from "@/components/groups/group-skeleton";

export default function IterationLoading() {
  return (
    <GroupSkeleton label="Loading the iteration…">
      <DetailSkeleton />
    </GroupSkeleton>
  );
}
