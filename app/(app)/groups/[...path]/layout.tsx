import type { ReactNode } from "react";
import { groupMetadata, groupRoute, GroupShell, type GroupParams } from "../group-route";

export const generateMetadata = groupMetadata();

/**
 * `/groups/a/b`, the overview of a/b. This catch-all also receives any `/groups/...` URL no rewrite took (an unknown
 * `/-/` page, say): its path has a `-` segment, which no group's has, so it is not found.
 */
export default async function OverviewLayout({ children, params }: { children: ReactNode; params: Promise<GroupParams> }) {
  const { user, group } = await groupRoute(params);
  return (
    <GroupShell user={user} group={group} current="overview">
      {children}
    </GroupShell>
  );
}
