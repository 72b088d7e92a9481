"use client";

import { GroupError } from "@/components/groups/group-error";

export default function WikiError({ error, retry }: { error: unknown; retry: () => void }) {
  return <GroupError what="this wiki page" error={error} retry={retry} />;
}
