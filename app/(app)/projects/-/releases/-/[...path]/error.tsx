"use client";

import { GroupError } from "@/components/groups/group-error";

export default function ReleasesError({ error, retry }: { error: unknown; retry: () => void }) {
  return <GroupError what="this project's releases" error={error} retry={retry} />;
}
