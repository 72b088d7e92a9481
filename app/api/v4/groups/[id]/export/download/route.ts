import { fileExportRoutes } from "@/lib/exchange";

export const GET = fileExportRoutes("group").download;
