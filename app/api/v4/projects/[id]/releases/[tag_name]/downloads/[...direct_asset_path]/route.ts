import { releaseDownloadRoute } from "@/lib/api";

export const GET = releaseDownloadRoute;
