import { GroupSkeleton, ListSkeleton, ToolbarSkeleton } from "@/components/groups/group-skeleton";

export default function GroupIssuesLoading() {
  return (
    <GroupSkeleton label="Loading issues…">
      <ToolbarSkeleton tabs={3} />
      <ListSkeleton rows={8} lines={2} />
    </GroupSkeleton>
  );
}
