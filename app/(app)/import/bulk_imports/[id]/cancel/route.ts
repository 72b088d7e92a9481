import { cancelBulkImport } from "@/lib/migration";
import { errorJson, sessionJsonRoute } from "../../json-route";

export const dynamic = "force-dynamic";

/** Cancels one of the user's running imports (admins: anyone's). */
export const POST = sessionJsonRoute<{ id: string }>(
  async ({ user, params }) => {
    const id = Number(params.id);
    if (!Number.isInteger(id) || id <= 0) return errorJson(404, "Import not found.");
    if (!(await cancelBulkImport(user, id))) return errorJson(404, "Import not found, or it has already ended.");
    return Response.json({ id, status: "canceled" });
  },
  { write: true },
);
