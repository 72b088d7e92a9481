"use client";

import { GroupError } from "@/components/groups/group-error";

export default function PipelineError({ error, retry }: { error: unknown; retry: () => void }) {
  return <GroupError what="this pipeline" error={error} retry={retry} />;
}
