import { pipeline, Readable } from "node:stream";
import { createGzip } from "node:zlib";
import { graphqlPages, type SourceClient } from "@/lib/gitlab";
import type { EntityContext } from "../support/types";

/**
 * GitLab's GetMembersQuery (lib/bulk_imports/common/graphql/get_members_query.rb), with the user's username and name
 * that its placeholder mapping reads too: a portable's members with the relations GitLab's MembersPipeline asks for
 * (a project's inherited ones included, which the load then skips where the destination already gives that role).
 */
export function membersQuery(portable: "project" | "group"): string {
  const [field, relations] = portable === "project" ? ["projectMembers", "[DIRECT INHERITED INVITED_GROUPS SHARED_INTO_ANCESTORS]"] : ["groupMembers", "[DIRECT INHERITED SHARED_FROM_GROUPS]"];
  return `query($full_path: ID!, $cursor: String, $per_page: Int) {
  portable: ${portable}(fullPath: $full_path) {
    members: ${field}(relations: ${relations}, first: $per_page, after: $cursor) {
      pageInfo { endCursor hasNextPage }
      nodes {
        created_at: createdAt
        updated_at: updatedAt
        expires_at: expiresAt
        access_level: accessLevel { integer_value: integerValue }
        user { user_gid: id public_email: publicEmail username name }
      }
    }
  }
}`;
}

// BulkImports::Tracker::DEFAULT_PAGE_SIZE: GitLab asks for 500 a page (a source gives at most its max_page_size).
const PER_PAGE = 500;

interface MemberNode {
  created_at?: unknown;
  updated_at?: unknown;
  expires_at?: unknown;
  access_level?: { integer_value?: unknown } | null;
  user?: { user_gid?: unknown; public_email?: unknown; username?: unknown; name?: unknown } | null;
}

/** `gid://gitlab/User/16` → 16; anything else stays as it came, for the transform to refuse. */
const userIdOf = (gid: unknown): unknown => (typeof gid === "string" && /^gid:\/\/gitlab\/User\/\d+$/.test(gid) ? Number(gid.slice(gid.lastIndexOf("/") + 1)) : gid);

/** A member node in the shape of the `members` export (`members: [:user]`), which the members pipeline reads. */
export function memberRecord(node: MemberNode): Record<string, unknown> {
  const user = node.user;
  return {
    access_level: node.access_level?.integer_value,
    created_at: node.created_at ?? null,
    updated_at: node.updated_at ?? null,
    expires_at: typeof node.expires_at === "string" ? node.expires_at.slice(0, 10) : null,
    user: user ? { id: userIdOf(user.user_gid), public_email: user.public_email ?? null, username: user.username, name: user.name ?? null } : null,
  };
}

/**
 * The portable's members, page by page by cursor, as gzipped NDJSON: the engine loads them as it loads an export file.
 * A failing source call destroys the stream with its error, for the engine to retry or record.
 */
export function readMembersByGraphql({ entity, client }: { entity: EntityContext; client: SourceClient }): Readable {
  async function* lines() {
    const pages = graphqlPages<MemberNode>(
      client,
      membersQuery(entity.portable),
      { full_path: entity.sourceFullPath },
      (data) => (data as { portable?: { members?: never } | null }).portable?.members ?? null,
      { perPage: PER_PAGE },
    );
    for await (const nodes of pages) for (const node of nodes) yield `${JSON.stringify(memberRecord(node))}\n`;
  }
  const gzip = createGzip();
  pipeline(Readable.from(lines()), gzip, () => undefined);
  return gzip;
}
