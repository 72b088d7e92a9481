import { fileExportRoutes } from "@/lib/exchange";

export const POST = fileExportRoutes("group").start;
