import { cache } from "react";
import { findIteration, type GroupWithAccess } from "@/lib/groups";

/** The Iterations tab of a group. */
export const iterationsPath = (group: GroupWithAccess) => `/groups/${group.fullPath}/-/iterations`;

/**
 * An iteration of this group by id (like GitLab's web_url), once a request for the layout's 404 and the page; one of
 * another group, its ancestors' included, has its page under that group.
 */
export const iterationOf = cache((groupId: number, id: number) => findIteration(groupId, id));
