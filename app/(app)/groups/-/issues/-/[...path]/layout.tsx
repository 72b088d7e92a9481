import type { ReactNode } from "react";
import { groupMetadata, groupRoute, GroupShell, type GroupParams } from "@/app/(app)/groups/group-route";

export const generateMetadata = groupMetadata("Issues");

export default async function GroupIssuesLayout({ children, params }: { children: ReactNode; params: Promise<GroupParams> }) {
  const { user, group } = await groupRoute(params);
  return (
    <GroupShell user={user} group={group} current="issues">
      {children}
    </GroupShell>
  );
}
