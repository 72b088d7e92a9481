import { DetailSkeleton, GroupSkeleton, ToolbarSkeleton } from "@/components/groups/group-skeleton";

export default function BlobLoading() {
  return (
    <GroupSkeleton label="Loading the file…">
      <ToolbarSkeleton />
      <DetailSkeleton />
    </GroupSkeleton>
  );
}
