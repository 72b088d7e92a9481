import { DetailSkeleton, GroupSkeleton } from "@/components/groups/group-skeleton";

export default function JobLoading() {
  return (
    <GroupSkeleton label="Loading the job…">
      <DetailSkeleton />
    </GroupSkeleton>
  );
}
