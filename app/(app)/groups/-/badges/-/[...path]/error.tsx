"use client";

import { GroupError } from "@/components/groups/group-error";

export default function BadgesError({ error, retry }: { error: unknown; retry: () => void }) {
  return <GroupError what="this group's badges" error={error} retry={retry} />;
}
