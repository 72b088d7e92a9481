import { exportRelationsRoutes } from "@/lib/exchange";

const routes = exportRelationsRoutes("group");

export const POST = routes.start;
export const GET = routes.statusAlias;
