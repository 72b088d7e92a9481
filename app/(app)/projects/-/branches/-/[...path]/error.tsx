"use client";

import { GroupError } from "@/components/groups/group-error";

export default function BranchesError({ error, retry }: { error: unknown; retry: () => void }) {
  return <GroupError what="this project's branches" error={error} retry={retry} />;
}
