import { releaseLinksRoute, releaseLinksWriteRoute } from "@/lib/api";

export const GET = releaseLinksRoute;
export const POST = releaseLinksWriteRoute;
