"use client";

import { GroupError } from "@/components/groups/group-error";

export default function PageError({ error, retry }: { error: unknown; retry: () => void }) {
  return <GroupError what="this project's members" error={error} retry={retry} />;
}
