import type { GroupWithAccess } from "@/lib/groups";
import type { PublicUser } from "@/lib/users";

// Placeholder until the tab is built (issue #4, in progress this session).
export async function EpicsSection(_props: { user: PublicUser; group: GroupWithAccess; page: number; search?: string; state?: string; iid?: number }) {
  return <p className="text-sm text-gray-600">Coming soon.</p>;
}
