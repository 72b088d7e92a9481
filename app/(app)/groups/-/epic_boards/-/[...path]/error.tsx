"use client";

import { GroupError } from "@/components/groups/group-error";

export default function EpicBoardsError({ error, retry }: { error: unknown; retry: () => void }) {
  return <GroupError what="this group's epic boards" error={error} retry={retry} />;
}
