import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { groupMetadata, groupRoute, GroupShell, type GroupParams } from "@/app/(app)/groups/group-route";
import { canAdminGroup } from "@/lib/groups";

export const generateMetadata = groupMetadata("Settings");

/** Settings → General (`/-/edit`): the owners'; not found for everyone else, as GitLab answers them. */
export default async function SettingsLayout({ children, params }: { children: ReactNode; params: Promise<GroupParams> }) {
  const { user, group } = await groupRoute(params);
  if (!canAdminGroup(user, group)) notFound();
  return (
    <GroupShell user={user} group={group} current="edit">
      {children}
    </GroupShell>
  );
}
