import { GroupSkeleton, ListSkeleton, ToolbarSkeleton } from "@/components/groups/group-skeleton";

export default function WikiPagesLoading() {
  return (
    <GroupSkeleton label="Loading the wiki's pages…">
      <ToolbarSkeleton />
      <ListSkeleton rows={8} lines={1} />
    </GroupSkeleton>
  );
}
