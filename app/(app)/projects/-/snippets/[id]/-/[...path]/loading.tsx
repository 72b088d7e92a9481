import { GroupSkeleton, ListSkeleton } from "@/components/groups/group-skeleton";

export default function SnippetLoading() {
  return (
    <GroupSkeleton label="Loading the snippet…">
      <ListSkeleton rows={6} lines={2} />
    </GroupSkeleton>
  );
}
