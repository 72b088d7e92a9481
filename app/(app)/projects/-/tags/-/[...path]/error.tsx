"use client";

import { GroupError } from "@/components/groups/group-error";

export default function TagsError({ error, retry }: { error: unknown; retry: () => void }) {
  return <GroupError what="this project's tags" error={error} retry={retry} />;
}
