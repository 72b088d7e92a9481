import { releaseLinkRoute, releaseLinksWriteRoute } from "@/lib/api";

export const GET = releaseLinkRoute;
export const PUT = releaseLinksWriteRoute;
export const DELETE = releaseLinksWriteRoute;
