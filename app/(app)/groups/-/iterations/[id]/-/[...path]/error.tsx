"use client";

import { GroupError } from "@/components/groups/group-error";

export default function IterationError({ error, retry }: { error: unknown; retry: () => void }) {
  return <GroupError what="this iteration" error={error} retry={retry} />;
}
