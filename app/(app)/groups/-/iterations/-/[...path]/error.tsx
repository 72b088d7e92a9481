"use client";

import { GroupError } from "@/components/groups/group-error";

export default function IterationsError({ error, retry }: { error: unknown; retry: () => void }) {
  return <GroupError what="this group's iterations" error={error} retry={retry} />;
}
