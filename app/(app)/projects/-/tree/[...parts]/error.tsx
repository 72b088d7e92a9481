"use client";

import { GroupError } from "@/components/groups/group-error";

export default function TreeError({ error, retry }: { error: unknown; retry: () => void }) {
  return <GroupError what="these files" error={error} retry={retry} />;
}
