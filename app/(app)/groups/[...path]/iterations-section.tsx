import type { GroupWithAccess } from "@/lib/groups";

// Placeholder until the tab is built (issue #4, in progress this session).
export async function IterationsSection(_props: { group: GroupWithAccess; page: number; search?: string; state?: string }) {
  return <p className="text-sm text-gray-600">Coming soon.</p>;
}
