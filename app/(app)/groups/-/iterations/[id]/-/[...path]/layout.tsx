import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { groupMetadata, groupRoute, GroupShell, type GroupParams } from "@/app/(app)/groups/group-route";
import { iterationOf } from "../../../iterations";

export const generateMetadata = groupMetadata("Iterations");

/** An iteration (`/-/iterations/<id>`): not found unless it is one of the group's own. */
export default async function IterationLayout({ children, params }: { children: ReactNode; params: Promise<GroupParams & { id: string }> }) {
  const { user, group } = await groupRoute(params);
  if (!(await iterationOf(group.id, Number((await params).id)))) notFound();
  return (
    <GroupShell user={user} group={group} current="iterations">
      {children}
    </GroupShell>
  );
}
