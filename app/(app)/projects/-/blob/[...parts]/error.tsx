"use client";

import { GroupError } from "@/components/groups/group-error";

export default function BlobError({ error, retry }: { error: unknown; retry: () => void }) {
  return <GroupError what="this file" error={error} retry={retry} />;
}
