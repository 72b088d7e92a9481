import type { Badge } from "@/lib/content";
import { renderBadgeUrl, type BadgePlaceholders } from "@/lib/projects";

/**
 * GitLab's Badge entity (BasicBadgeDetails + id and kind). Listed for a project, every badge (its group's too) is
 * rendered with the project's placeholders; a group badge listed on its group has no project, so GitLab gives the
 * URLs back as they are (no `placeholders`).
 */
export function badgeEntity(badge: Badge, placeholders?: BadgePlaceholders) {
  const render = (url: string) => (placeholders ? renderBadgeUrl(url, placeholders) : url);
  return {
    id: badge.id,
    name: badge.name,
    link_url: badge.linkUrl,
    image_url: badge.imageUrl,
    rendered_link_url: render(badge.linkUrl),
    rendered_image_url: render(badge.imageUrl),
    kind: badge.projectId !== null ? ("project" as const) : ("group" as const),
  };
}
