"use client";

import { GroupError } from "@/components/groups/group-error";

export default function ReleaseError({ error, retry }: { error: unknown; retry: () => void }) {
  return <GroupError what="this release" error={error} retry={retry} />;
}
