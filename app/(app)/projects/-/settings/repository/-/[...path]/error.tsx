"use client";

import { GroupError } from "@/components/groups/group-error";

export default function RepositorySettingsError({ error, retry }: { error: unknown; retry: () => void }) {
  return <GroupError what="this project's repository settings" error={error} retry={retry} />;
}
