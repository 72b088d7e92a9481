import { DetailSkeleton, GroupSkeleton } from "@/components/groups/group-skeleton";

export default function CommitLoading() {
  return (
    <GroupSkeleton label="Loading the commit…">
      <DetailSkeleton />
    </GroupSkeleton>
  );
}
