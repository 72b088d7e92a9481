"use client";

import { GroupError } from "@/components/groups/group-error";

export default function MergeRequestError({ error, retry }: { error: unknown; retry: () => void }) {
  return <GroupError what="this merge request" error={error} retry={retry} />;
}
