import { z } from "zod";
import { isSourceError } from "@/lib/gitlab";
import type { SourceGroupsJson } from "@/lib/migration/wire";
import { listSourceGroups, NotConnectedError, PER_PAGE_CHOICES } from "@/lib/sources";
import { errorJson, sessionJsonRoute } from "../json-route";

export const dynamic = "force-dynamic";

const query = z.object({
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
  per_page: z.coerce
    .number()
    .int()
    .refine((n) => (PER_PAGE_CHOICES as readonly number[]).includes(n))
    .catch(20),
  search: z.string().max(255).catch(""),
});

/** A page of the top-level groups the user owns on their source, each with their latest import of it. */
export const GET = sessionJsonRoute(async ({ request, user }) => {
  const params = query.parse({ page: undefined, per_page: undefined, search: "", ...Object.fromEntries(new URL(request.url).searchParams) });
  try {
    const page = await listSourceGroups(user.id, { page: params.page, perPage: params.per_page, search: params.search });
    const body: SourceGroupsJson = {
      ...page,
      groups: page.groups.map(({ lastImport, ...group }) => ({
        ...group,
        lastImport: lastImport && {
          entityId: lastImport.entityId,
          bulkImportId: lastImport.bulkImportId,
          status: lastImport.status,
          hasFailures: lastImport.hasFailures,
          destinationFullPath: lastImport.destinationFullPath,
          destinationNamespace: lastImport.destinationNamespace,
          destinationSlug: lastImport.destinationSlug,
          destinationParentId: lastImport.destinationParentId,
          createdAt: lastImport.createdAt.toISOString(),
          progress: lastImport.progress,
          projects: lastImport.projects,
        },
      })),
    };
    return Response.json(body);
  } catch (error) {
    if (error instanceof NotConnectedError) return errorJson(409, error.message, { kind: "not_connected" });
    // The source's trouble is not this server's: a message the page shows in place of the table.
    if (isSourceError(error)) return errorJson(502, error.message, { kind: error.kind });
    throw error;
  }
});
