"use client";

import { GroupError } from "@/components/groups/group-error";

export default function PlaceholdersError({ error, retry }: { error: unknown; retry: () => void }) {
  return <GroupError what="this group's placeholder users" error={error} retry={retry} />;
}
