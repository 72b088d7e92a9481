"use client";

import { GroupError } from "@/components/groups/group-error";

export default function CommitError({ error, retry }: { error: unknown; retry: () => void }) {
  return <GroupError what="this commit" error={error} retry={retry} />;
}
