import { GroupSkeleton, ListSkeleton, ToolbarSkeleton } from "@/components/groups/group-skeleton";

/** A merge request's page while it renders, whichever tab is asked for. */
export function MergeRequestLoading() {
  return (
    <GroupSkeleton label="Loading the merge request…">
      <ToolbarSkeleton />
      <ListSkeleton rows={6} lines={2} />
    </GroupSkeleton>
  );
}
