import { GroupSkeleton, ListSkeleton, TextSkeleton } from "@/components/groups/group-skeleton";

export default function BadgesLoading() {
  return (
    <GroupSkeleton label="Loading badges…">
      <TextSkeleton />
      <ListSkeleton rows={3} lines={2} />
    </GroupSkeleton>
  );
}
