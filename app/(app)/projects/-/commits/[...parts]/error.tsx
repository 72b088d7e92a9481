"use client";

import { GroupError } from "@/components/groups/group-error";

export default function CommitsError({ error, retry }: { error: unknown; retry: () => void }) {
  return <GroupError what="these commits" error={error} retry={retry} />;
}
