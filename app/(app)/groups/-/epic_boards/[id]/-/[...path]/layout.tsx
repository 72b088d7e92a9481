import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { groupMetadata, groupRoute, GroupShell, type GroupParams } from "@/app/(app)/groups/group-route";
import { epicBoardOf } from "../../../epic-boards-section";

export const generateMetadata = groupMetadata("Epic boards");

/** An epic board (`/-/epic_boards/<id>`): not found unless the group has it. */
export default async function EpicBoardLayout({ children, params }: { children: ReactNode; params: Promise<GroupParams & { id: string }> }) {
  const { user, group } = await groupRoute(params);
  if (!(await epicBoardOf(group.id, Number((await params).id)))) notFound();
  return (
    <GroupShell user={user} group={group} current="boards">
      {children}
    </GroupShell>
  );
}
