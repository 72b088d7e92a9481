"use client";

import { GroupError } from "@/components/groups/group-error";

export default function GroupIssuesError({ error, retry }: { error: unknown; retry: () => void }) {
  return <GroupError what="this group's issues" error={error} retry={retry} />;
}
