import { BoardsSection } from "@/app/(app)/boards-section";
import { boardsRoute, projectBoardLinks } from "@/app/(app)/projects/plan-route";
import type { ProjectParams } from "@/app/(app)/projects/project-route";

/** `/-/boards/<id>`: one issue board of the project. */
export default async function BoardPage({ params }: { params: Promise<ProjectParams & { id: string }> }) {
  const { project } = await boardsRoute(params);
  return <BoardsSection owner={{ projectId: project.id }} boardId={Number((await params).id)} links={await projectBoardLinks(project.id, project.fullPath)} empty="This project has no issue boards." />;
}
