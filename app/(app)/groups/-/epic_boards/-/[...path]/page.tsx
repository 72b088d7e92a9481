import { groupRoute, type GroupParams } from "@/app/(app)/groups/group-route";
import { EpicBoardsSection } from "../../epic-boards-section";

/** `/-/epic_boards`: the group's first epic board by name. */
export default async function EpicBoardsPage({ params }: { params: Promise<GroupParams> }) {
  const { user, group } = await groupRoute(params);
  return <EpicBoardsSection user={user} group={group} />;
}
