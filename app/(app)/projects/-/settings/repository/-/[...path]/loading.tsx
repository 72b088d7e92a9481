import { GroupSkeleton, HeadingSkeleton, ListSkeleton, TextSkeleton } from "@/components/groups/group-skeleton";

export default function RepositorySettingsLoading() {
  return (
    <GroupSkeleton label="Loading the repository settings…">
      <HeadingSkeleton />
      <TextSkeleton />
      <ListSkeleton rows={4} />
    </GroupSkeleton>
  );
}
