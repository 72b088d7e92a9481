"use client";

import { GroupError } from "@/components/groups/group-error";

export default function PipelinesError({ error, retry }: { error: unknown; retry: () => void }) {
  return <GroupError what="this project's pipelines" error={error} retry={retry} />;
}
