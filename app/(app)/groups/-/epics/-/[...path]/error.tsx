"use client";

import { GroupError } from "@/components/groups/group-error";

export default function EpicsError({ error, retry }: { error: unknown; retry: () => void }) {
  return <GroupError what="this group's epics" error={error} retry={retry} />;
}
