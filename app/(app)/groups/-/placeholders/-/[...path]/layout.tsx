import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { groupMetadata, groupRoute, GroupShell, type GroupParams } from "@/app/(app)/groups/group-route";
import { canManagePlaceholders } from "@/lib/users";

export const generateMetadata = groupMetadata("Placeholders");

/** The Placeholders tab: only for those who may reassign the top-level group's placeholders; not found for others. */
export default async function PlaceholdersLayout({ children, params }: { children: ReactNode; params: Promise<GroupParams> }) {
  const { user, group } = await groupRoute(params);
  if (!canManagePlaceholders(user, group)) notFound();
  return (
    <GroupShell user={user} group={group} current="placeholders">
      {children}
    </GroupShell>
  );
}
