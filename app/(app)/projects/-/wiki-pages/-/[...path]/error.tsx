"use client";

import { GroupError } from "@/components/groups/group-error";

export default function WikiPagesError({ error, retry }: { error: unknown; retry: () => void }) {
  return <GroupError what="the wiki's pages" error={error} retry={retry} />;
}
