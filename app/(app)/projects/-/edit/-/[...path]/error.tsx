"use client";

import { GroupError } from "@/components/groups/group-error";

export default function ProjectSettingsError({ error, retry }: { error: unknown; retry: () => void }) {
  return <GroupError what="this project's settings" error={error} retry={retry} />;
}
