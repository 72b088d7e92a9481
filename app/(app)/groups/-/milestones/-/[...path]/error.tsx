"use client";

import { GroupError } from "@/components/groups/group-error";

export default function MilestonesError({ error, retry }: { error: unknown; retry: () => void }) {
  return <GroupError what="this group's milestones" error={error} retry={retry} />;
}
