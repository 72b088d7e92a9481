import { GroupSkeleton, HeadingSkeleton, TableSkeleton, TextSkeleton, ToolbarSkeleton } from "@/components/groups/group-skeleton";

export default function ProjectOverviewLoading() {
  return (
    <GroupSkeleton label="Loading the project…">
      <ToolbarSkeleton search={false} />
      <TableSkeleton rows={1} columns={2} />
      <div className="mt-6">
        <HeadingSkeleton />
        <TextSkeleton />
      </div>
    </GroupSkeleton>
  );
}
