import type { Milestone } from "./milestones";
import { ownerPathsOf } from "./owner-paths";

/** A milestone with the full path of its project or group, for its web_url. */
export type MilestoneWithPath = Milestone & { ownerPath: string };

/** The milestones with their owners' full paths: two queries at most, whatever the count. */
export async function withOwnerPaths(list: readonly Milestone[]): Promise<Map<number, MilestoneWithPath>> {
  const pathOf = await ownerPathsOf(list);
  return new Map(list.map((m) => [m.id, { ...m, ownerPath: pathOf(m)?.fullPath ?? "" }]));
}
