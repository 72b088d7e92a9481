import { fileExportRoutes } from "@/lib/exchange";

export const GET = fileExportRoutes("project").download;
