import { GroupSkeleton, HeadingSkeleton, ListSkeleton, TableSkeleton } from "@/components/groups/group-skeleton";

export default function OverviewLoading() {
  return (
    <GroupSkeleton label="Loading the group's subgroups, projects and members…">
      <div className="mb-10">
        <HeadingSkeleton />
        <ListSkeleton rows={3} />
      </div>
      <HeadingSkeleton />
      <TableSkeleton rows={4} />
    </GroupSkeleton>
  );
}
