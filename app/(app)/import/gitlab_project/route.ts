import { startProjectImport } from "@/lib/migration";
import { fileUploadRoute } from "../file-upload-route";

export const dynamic = "force-dynamic";

/** New project → Import project → GitLab export: GitLab's POST /import/gitlab_project, the API's POST /projects/import by session. */
export const POST = fileUploadRoute("project", startProjectImport);
