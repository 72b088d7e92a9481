import { accessLevelName } from "./access-level-name";

export interface MemberItem {
  userId: number;
  username: string;
  name: string;
  accessLevel: number;
  expiresAt: string | null;
  inheritedFrom?: string;
}

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
          <tr key={m.userId}>
            <td className="px-4 py-2">
              <span className="font-medium text-gray-900">{m.name}</span> <span className="text-gray-500">@{m.username}</span>
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
