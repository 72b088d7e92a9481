"use client";

import { GroupError } from "@/components/groups/group-error";

export default function IssueError({ error, retry }: { error: unknown; retry: () => void }) {
  return <GroupError what="this issue" error={error} retry={retry} />;
}
