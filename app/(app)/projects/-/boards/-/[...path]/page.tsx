import { BoardsSection } from "@/app/(app)/boards-section";
import { boardsRoute, projectBoardLinks } from "@/app/(app)/projects/plan-route";
import type { ProjectParams } from "@/app/(app)/projects/project-route";

/** Plan → Issue boards (`/-/boards`): the project's first board by name. */
export default async function BoardsPage({ params }: { params: Promise<ProjectParams> }) {
  const { project } = await boardsRoute(params);
  return <BoardsSection owner={{ projectId: project.id }} links={await projectBoardLinks(project.id, project.fullPath)} empty="This project has no issue boards." />;
}
