import { groupRoute, type GroupParams } from "@/app/(app)/groups/group-route";
import { GroupBoards } from "../../group-boards";

/** `/-/boards`: the group's first issue board by name. */
export default async function BoardsPage({ params }: { params: Promise<GroupParams> }) {
  const { group } = await groupRoute(params);
  return <GroupBoards group={group} />;
}
