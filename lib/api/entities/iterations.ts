import { ITERATION_STATE_ENUM, type IterationRow } from "@/lib/groups";

/** GitLab's API::Entities::Iteration, in its exposure order; `state` is the integer of Iteration::STATE_ENUM_MAP. */
export function iterationEntity(iteration: IterationRow, groupFullPath: string, baseUrl: string) {
  return {
    id: iteration.id,
    iid: iteration.iid,
    sequence: iteration.sequence,
    group_id: iteration.groupId,
    title: iteration.title,
    description: iteration.description,
    state: ITERATION_STATE_ENUM[iteration.state],
    created_at: iteration.createdAt.toISOString(),
    updated_at: iteration.updatedAt.toISOString(),
    start_date: iteration.startDate,
    due_date: iteration.dueDate,
    // Gitlab::UrlBuilder: the iteration's own group, by the iteration's id (not its iid).
    web_url: `${baseUrl}/groups/${groupFullPath}/-/iterations/${iteration.id}`,
  };
}
