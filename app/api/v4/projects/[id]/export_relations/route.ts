import { exportRelationsRoutes } from "@/lib/exchange";

const routes = exportRelationsRoutes("project");

export const POST = routes.start;
export const GET = routes.statusAlias;
