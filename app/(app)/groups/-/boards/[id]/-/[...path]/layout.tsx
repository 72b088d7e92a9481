import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { groupMetadata, groupRoute, GroupShell, type GroupParams } from "@/app/(app)/groups/group-route";
import { boardOf } from "@/app/(app)/boards-section";

export const generateMetadata = groupMetadata("Boards");

/** An issue board (`/-/boards/<id>`): not found unless the group has it. */
export default async function BoardLayout({ children, params }: { children: ReactNode; params: Promise<GroupParams & { id: string }> }) {
  const { user, group } = await groupRoute(params);
  if (!(await boardOf({ groupId: group.id }, Number((await params).id)))) notFound();
  return (
    <GroupShell user={user} group={group} current="boards">
      {children}
    </GroupShell>
  );
}
