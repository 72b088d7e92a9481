import { groupRoute, type GroupParams } from "@/app/(app)/groups/group-route";
import { MergeRequestsPage, type MergeRequestSearchParams } from "@/app/(app)/merge-requests-page";
import { groupMergeRequestScope } from "@/lib/merge-requests";

/** The group's Merge requests (`/groups/<path>/-/merge_requests`): those of its projects and its subgroups' projects. */
export default async function GroupMergeRequestsPage({ params, searchParams }: { params: Promise<GroupParams>; searchParams: Promise<MergeRequestSearchParams> }) {
  const { user, group } = await groupRoute(params);
  return <MergeRequestsPage scope={await groupMergeRequestScope(user, group)} base={`/groups/${group.fullPath}/-/merge_requests`} searchParams={await searchParams} />;
}
