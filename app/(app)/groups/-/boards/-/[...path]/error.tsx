"use client";

import { GroupError } from "@/components/groups/group-error";

export default function BoardsError({ error, retry }: { error: unknown; retry: () => void }) {
  return <GroupError what="this group's boards" error={error} retry={retry} />;
}
