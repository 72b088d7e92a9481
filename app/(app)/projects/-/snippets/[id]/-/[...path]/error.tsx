"use client";

import { GroupError } from "@/components/groups/group-error";

export default function SnippetError({ error, retry }: { error: unknown; retry: () => void }) {
  return <GroupError what="this snippet" error={error} retry={retry} />;
}
