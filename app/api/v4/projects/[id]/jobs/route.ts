import { projectJobsRoute } from "@/lib/api";

export const GET = projectJobsRoute;
