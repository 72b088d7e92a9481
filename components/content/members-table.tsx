import { Badge } from "@/components/ui/badge";
import { accessLevelName } from "./access-level-name";

/** Who a placeholder stands in for: the user on the source instance. */
export interface PlaceholderSource {
  sourceUrl: string;
  sourceUsername: string;
  sourceName: string | null;
  sourcePublicEmail: string | null;
}

export interface MemberItem {
  userId: number;
  username: string;
  name: string;
  accessLevel: number;
  expiresAt: string | null;
  inheritedFrom?: string;
  placeholder?: PlaceholderSource;
}

const hostOf = (url: string) => {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
};

export function MembersTable({ members }: { members: MemberItem[] }) {
  return (
    <table className="min-w-full divide-y divide-gray-200 overflow-hidden rounded-lg border border-gray-200 bg-white text-sm">
      <thead className="bg-gray-50 text-left text-xs font-medium uppercase tracking-wide text-gray-500">
        <tr>
          <th scope="col" className="px-4 py-2">Account</th>
          <th scope="col" className="px-4 py-2">Source</th>
          <th scope="col" className="px-4 py-2">Role</th>
          <th scope="col" className="px-4 py-2">Expiration</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-gray-100">
        {members.map((m) => (
          <tr key={m.userId} data-placeholder={m.placeholder ? "true" : undefined}>
            <td className="px-4 py-2">
              <span className="font-medium text-gray-900">{m.name}</span> <span className="text-gray-500">@{m.username}</span>
              {m.placeholder ? (
                <span className="ml-2 inline-flex flex-wrap items-center gap-2">
                  <Badge tone="warning">Placeholder</Badge>
                  <span className="text-xs text-gray-500">
                    for {m.placeholder.sourceName ? `${m.placeholder.sourceName} ` : ""}@{m.placeholder.sourceUsername}
                    {m.placeholder.sourcePublicEmail ? ` (${m.placeholder.sourcePublicEmail})` : ""} on {hostOf(m.placeholder.sourceUrl)}
                  </span>
                </span>
              ) : null}
            </td>
            <td className="px-4 py-2 text-gray-600">{m.inheritedFrom ? `Inherited from ${m.inheritedFrom}` : "Direct member"}</td>
            <td className="px-4 py-2">{accessLevelName(m.accessLevel)}</td>
            <td className="px-4 py-2 text-gray-600">{m.expiresAt ?? "No expiration"}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
