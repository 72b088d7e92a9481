import { exportRelationsRoutes } from "@/lib/exchange";

export const GET = exportRelationsRoutes("group").status;
