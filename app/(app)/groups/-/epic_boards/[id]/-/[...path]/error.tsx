"use client";

import { GroupError } from "@/components/groups/group-error";

export default function EpicBoardError({ error, retry }: { error: unknown; retry: () => void }) {
  return <GroupError what="this epic board" error={error} retry={retry} />;
}
