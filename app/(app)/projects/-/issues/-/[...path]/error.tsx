"use client";

import { GroupError } from "@/components/groups/group-error";

export default function IssuesError({ error, retry }: { error: unknown; retry: () => void }) {
  return <GroupError what="this project's issues" error={error} retry={retry} />;
}
