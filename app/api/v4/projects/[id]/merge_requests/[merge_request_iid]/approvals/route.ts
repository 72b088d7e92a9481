import { mergeRequestApprovalsRoute } from "@/lib/api";

export const GET = mergeRequestApprovalsRoute;
