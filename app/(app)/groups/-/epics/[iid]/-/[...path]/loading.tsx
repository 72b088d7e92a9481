import { DetailSkeleton, GroupSkeleton } from "@/components/groups/group-skeleton";

export default function EpicLoading() {
  return (
    <GroupSkeleton label="Loading the epic…">
      <DetailSkeleton />
    </GroupSkeleton>
  );
}
