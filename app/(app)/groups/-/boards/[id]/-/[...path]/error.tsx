"use client";

import { GroupError } from "@/components/groups/group-error";

export default function BoardError({ error, retry }: { error: unknown; retry: () => void }) {
  return <GroupError what="this board" error={error} retry={retry} />;
}
