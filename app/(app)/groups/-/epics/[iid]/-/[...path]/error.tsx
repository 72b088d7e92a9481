"use client";

import { GroupError } from "@/components/groups/group-error";

export default function EpicError({ error, retry }: { error: unknown; retry: () => void }) {
  return <GroupError what="this epic" error={error} retry={retry} />;
}
