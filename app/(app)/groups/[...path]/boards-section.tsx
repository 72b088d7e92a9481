import type { GroupWithAccess } from "@/lib/groups";

// Placeholder until the tab is built (issue #4, in progress this session).
export async function BoardsSection(_props: { group: GroupWithAccess; boardId?: number }) {
  return <p className="text-sm text-gray-600">Coming soon.</p>;
}
