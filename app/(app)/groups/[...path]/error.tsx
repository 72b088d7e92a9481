"use client";

import { GroupError } from "@/components/groups/group-error";

export default function OverviewError({ error, retry }: { error: unknown; retry: () => void }) {
  return <GroupError what="this group's subgroups, projects and members" error={error} retry={retry} />;
}
