import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { groupMetadata, groupRoute, GroupShell, type GroupParams } from "@/app/(app)/groups/group-route";
import { epicOf } from "../../../epic-items";

type Params = GroupParams & { iid: string };

export const generateMetadata = groupMetadata("Epics");

/** An epic's page (`/-/epics/<iid>`): not found unless the group has that epic and the user may see it. */
export default async function EpicLayout({ children, params }: { children: ReactNode; params: Promise<Params> }) {
  const { user, group } = await groupRoute(params);
  if (!(await epicOf(user, group, Number((await params).iid)))) notFound();
  return (
    <GroupShell user={user} group={group} current="epics">
      {children}
    </GroupShell>
  );
}
