"use client";

import { GroupError } from "@/components/groups/group-error";

export default function MembersError({ error, retry }: { error: unknown; retry: () => void }) {
  return <GroupError what="this group's members" error={error} retry={retry} />;
}
