"use client";

import { GroupError } from "@/components/groups/group-error";

export default function SnippetsError({ error, retry }: { error: unknown; retry: () => void }) {
  return <GroupError what="this project's snippets" error={error} retry={retry} />;
}
