import { fileExportRoutes } from "@/lib/exchange";

const routes = fileExportRoutes("project");
export const POST = routes.start;
export const GET = routes.status;
