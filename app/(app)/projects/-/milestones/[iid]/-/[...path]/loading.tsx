import { GroupSkeleton, DetailSkeleton } from "@/components/groups/group-skeleton";

export default function Loading() {
  return (
    <GroupSkeleton label="Loading milestone…">
      <DetailSkeleton />
    </GroupSkeleton>
  );
}
