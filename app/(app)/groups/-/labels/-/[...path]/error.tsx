"use client";

import { GroupError } from "@/components/groups/group-error";

export default function LabelsError({ error, retry }: { error: unknown; retry: () => void }) {
  return <GroupError what="this group's labels" error={error} retry={retry} />;
}
