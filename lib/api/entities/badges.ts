import type { Badge } from "@/lib/content";

/**
 * GitLab's Badge entity (BasicBadgeDetails + id and kind). Rendering fills placeholders from a project; a group badge
 * listed on its group has none, so GitLab gives the URLs back as they are.
 */
export function badgeEntity(badge: Badge) {
  return {
    id: badge.id,
    name: badge.name,
    link_url: badge.linkUrl,
    image_url: badge.imageUrl,
    rendered_link_url: badge.linkUrl,
    rendered_image_url: badge.imageUrl,
    kind: badge.projectId !== null ? ("project" as const) : ("group" as const),
  };
}
