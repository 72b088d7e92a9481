import { apiRoute, projectImportResponse, readParams } from "@/lib/api";
import { startRemoteImportS3 } from "@/lib/migration";

export const dynamic = "force-dynamic";

/**
 * GitLab's POST /projects/remote-import-s3: `region`, `bucket_name`, `file_key`, `access_key_id`,
 * `secret_access_key` and `path` required, `name`, `namespace`, `overwrite`, `override_params`. The object is read
 * through a SigV4 presigned URL (AWS, or FERRY_S3_ENDPOINT), as remote-import reads its file.
 */
export const POST = apiRoute("write", async ({ request, viewer }) => projectImportResponse(await startRemoteImportS3(viewer, await readParams(request)), request, viewer));
