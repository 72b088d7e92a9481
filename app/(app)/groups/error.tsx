"use client";

import { GroupError } from "@/components/groups/group-error";

/** Where a group page's own layout failed (finding the group, counting its tabs): each page's error.tsx is inside it. */
export default function GroupsError({ error, retry }: { error: unknown; retry: () => void }) {
  return <GroupError what="this page" error={error} retry={retry} />;
}
