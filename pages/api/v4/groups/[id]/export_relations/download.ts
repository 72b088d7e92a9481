import { exportRelationsRoutes, nodeRoute } from "@/lib/exchange";

// A Pages Router API route, unlike the rest of /api/v4: only here can a response keep its Content-Length, which
// importers require of a download (see lib/exchange/api/node-route.ts).
export const config = { api: { bodyParser: false, responseLimit: false, externalResolver: true } };

export default nodeRoute(exportRelationsRoutes("group").download, "/api/v4/groups/:id/export_relations/download");
