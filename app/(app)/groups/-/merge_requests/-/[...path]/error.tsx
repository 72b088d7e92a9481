"use client";

import { GroupError } from "@/components/groups/group-error";

export default function GroupMergeRequestsError({ error, retry }: { error: unknown; retry: () => void }) {
  return <GroupError what="the merge requests" error={error} retry={retry} />;
}
