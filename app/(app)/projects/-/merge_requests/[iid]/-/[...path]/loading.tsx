export { MergeRequestLoading as default } from "@/components/merge-requests/merge-request-loading";
