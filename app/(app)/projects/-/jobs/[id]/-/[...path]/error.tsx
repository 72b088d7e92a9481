"use client";

import { GroupError } from "@/components/groups/group-error";

export default function JobError({ error, retry }: { error: unknown; retry: () => void }) {
  return <GroupError what="this job" error={error} retry={retry} />;
}
