import { groupRoute, type GroupParams } from "@/app/(app)/groups/group-route";
import { BoardsSection } from "../../boards-section";

/** `/-/boards`: the group's first issue board by name. */
export default async function BoardsPage({ params }: { params: Promise<GroupParams> }) {
  const { group } = await groupRoute(params);
  return <BoardsSection group={group} />;
}
