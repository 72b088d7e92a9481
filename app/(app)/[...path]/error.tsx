"use client";

import { GroupError } from "@/components/groups/group-error";

export default function ProjectOverviewError({ error, retry }: { error: unknown; retry: () => void }) {
  return <GroupError what="this project's overview" error={error} retry={retry} />;
}
