import { GroupSkeleton, ListSkeleton } from "@/components/groups/group-skeleton";

export default function SnippetsLoading() {
  return (
    <GroupSkeleton label="Loading snippets…">
      <ListSkeleton rows={6} lines={2} />
    </GroupSkeleton>
  );
}
