"use client";

import { GroupError } from "@/components/groups/group-error";

export default function SettingsError({ error, retry }: { error: unknown; retry: () => void }) {
  return <GroupError what="this group's settings" error={error} retry={retry} />;
}
