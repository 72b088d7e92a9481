import { z } from "zod";
import { ImportRequestError, startBulkImport } from "@/lib/migration";
import type { StartedImportJson } from "@/lib/migration/wire";
import { getConnectionWithToken } from "@/lib/sources";
import { errorJson, sessionJsonRoute } from "./json-route";

export const dynamic = "force-dynamic";

const body = z.object({
  imports: z
    .array(
      z.object({
        sourceFullPath: z.string().min(1).max(2048),
        destinationSlug: z.string().max(255),
        destinationNamespace: z.string().max(2048),
        migrateProjects: z.boolean(),
        migrateMemberships: z.boolean(),
      }),
    )
    .min(1, "Select at least one group to import.")
    .max(100, "Import at most 100 groups at once."),
});

/** Starts one bulk import per requested group from the user's connected source (GitLab's POST /import/bulk_imports). */
export const POST = sessionJsonRoute(
  async ({ request, user }) => {
    const parsed = body.safeParse(await request.json().catch(() => null));
    if (!parsed.success) return errorJson(400, parsed.error.issues[0]?.message ?? "Invalid request.");
    const connection = await getConnectionWithToken(user.id);
    if (!connection) return errorJson(409, "Connect a source GitLab instance first.", { kind: "not_connected" });
    try {
      const requests = parsed.data.imports.map((entity) => ({ ...entity, sourceType: "group_entity" as const }));
      // One bulk import per group, as GitLab's page starts them.
      const started = await startBulkImport(user, { url: connection.url, token: connection.token }, requests, { importPerEntity: true });
      const imports: StartedImportJson[] = started.map(({ bulkImport, entities: [entity] }) => ({ bulkImportId: bulkImport.id, entityId: entity!.id, sourceFullPath: entity!.sourceFullPath }));
      return Response.json({ imports }, { status: 201 });
    } catch (error) {
      if (error instanceof ImportRequestError) return errorJson(error.status, error.message, { index: error.index, field: error.field });
      throw error;
    }
  },
  { write: true },
);
