"use client";

import { GroupError } from "@/components/groups/group-error";

export default function PipelineSchedulesError({ error, retry }: { error: unknown; retry: () => void }) {
  return <GroupError what="this project's pipeline schedules" error={error} retry={retry} />;
}
