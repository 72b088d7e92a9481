import type { Readable } from "node:stream";
import { isSourceError } from "@/lib/gitlab";
import { AVATAR_MAX_BYTES, avatarRefusal, saveGroupAvatar } from "@/lib/groups";
import { decodeUrlPart } from "@/lib/uploads";
import { RecordError } from "../../errors";
import type { RestPipeline } from "../support/types";
import { sourceApiPath } from "../support/source-urls";

async function readAll(body: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** The file's name as the source gave it: Content-Disposition, else the last segment of avatar_url. */
function wantedName(headers: Readonly<Record<string, string>>, avatarUrl: string): string | null {
  const disposition = headers["content-disposition"] ?? "";
  const quoted = /filename\*=UTF-8''([^;]+)|filename="?([^";]+)"?/i.exec(disposition);
  const fromHeader = quoted?.[1] ? decodeUrlPart(quoted[1]) : quoted?.[2];
  if (fromHeader) return fromHeader;
  try {
    return decodeUrlPart(new URL(avatarUrl).pathname.split("/").pop() ?? "") || null;
  } catch {
    return null;
  }
}

/**
 * Stage 1: the group's avatar, as GitLab's GroupAvatarPipeline took it: GET /groups/:id/avatar on the source's API,
 * at most 200 KiB. Only the source is asked, with its token; a redirect (object storage, a CDN) is followed under the
 * URL policy and without the token. An avatar Ferry cannot take is a failure of this relation, not of the import.
 */
export const groupAvatarPipeline: RestPipeline = {
  kind: "rest",
  relation: "avatar",
  async run({ entity, client }) {
    const { data } = await client.get<{ avatar_url?: unknown }>(sourceApiPath(entity));
    const avatarUrl = typeof data.avatar_url === "string" && data.avatar_url ? data.avatar_url : null;
    if (!avatarUrl) return { source: 0, fetched: 0, imported: 0 };
    let bytes: Buffer;
    let headers: Readonly<Record<string, string>>;
    try {
      const download = await client.stream(sourceApiPath(entity, "/avatar"), undefined, { maxBytes: AVATAR_MAX_BYTES });
      headers = download.headers;
      bytes = await readAll(download.body);
    } catch (error) {
      if (isSourceError(error, "too_large")) throw new RecordError(`The group avatar is over the limit of ${AVATAR_MAX_BYTES} bytes (200 KiB).`, "AvatarTooLarge");
      throw error;
    }
    const refusal = avatarRefusal(bytes);
    if (refusal) throw new RecordError(refusal, "AvatarInvalid");
    await saveGroupAvatar(entity.groupId!, bytes, wantedName(headers, avatarUrl));
    return { source: 1, fetched: 1, imported: 1 };
  },
};
