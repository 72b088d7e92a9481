import { GroupSkeleton, HeadingSkeleton, ListSkeleton, TextSkeleton } from "@/components/groups/group-skeleton";

export default function ProjectSettingsLoading() {
  return (
    <GroupSkeleton label="Loading the project's settings…">
      <HeadingSkeleton />
      <TextSkeleton />
      <ListSkeleton rows={4} />
    </GroupSkeleton>
  );
}
