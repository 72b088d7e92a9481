import { DetailSkeleton, GroupSkeleton } from "@/components/groups/group-skeleton";

export default function IssueLoading() {
  return (
    <GroupSkeleton label="Loading the issue…">
      <DetailSkeleton />
    </GroupSkeleton>
  );
}
