import { GroupSkeleton, TextSkeleton } from "@/components/groups/group-skeleton";

export default function SettingsLoading() {
  return (
    <GroupSkeleton label="Loading group settings…">
      <TextSkeleton />
      <TextSkeleton />
    </GroupSkeleton>
  );
}
