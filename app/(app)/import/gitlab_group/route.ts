import { startFileImport } from "@/lib/migration";
import { fileUploadRoute } from "../file-upload-route";

export const dynamic = "force-dynamic";

/** New group → Import group: GitLab's POST /import/gitlab_group, the API's POST /groups/import by session. */
export const POST = fileUploadRoute("group", startFileImport);
