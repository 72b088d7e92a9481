import { repositoryArchiveRoute } from "@/lib/api";

export const GET = repositoryArchiveRoute;
