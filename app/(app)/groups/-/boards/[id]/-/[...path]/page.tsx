import { groupRoute, type GroupParams } from "@/app/(app)/groups/group-route";
import { GroupBoards } from "../../../group-boards";

/** `/-/boards/<id>`: one issue board of the group. */
export default async function BoardPage({ params }: { params: Promise<GroupParams & { id: string }> }) {
  const { group } = await groupRoute(params);
  return <GroupBoards group={group} boardId={Number((await params).id)} />;
}
