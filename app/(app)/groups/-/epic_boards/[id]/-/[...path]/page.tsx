import { groupRoute, type GroupParams } from "@/app/(app)/groups/group-route";
import { EpicBoardsSection } from "../../../epic-boards-section";

/** `/-/epic_boards/<id>`: one epic board of the group. */
export default async function EpicBoardPage({ params }: { params: Promise<GroupParams & { id: string }> }) {
  const { user, group } = await groupRoute(params);
  return <EpicBoardsSection user={user} group={group} boardId={Number((await params).id)} />;
}
