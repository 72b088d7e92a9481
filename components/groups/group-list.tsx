import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { accessLevelName } from "@/components/content/access-level-name";
import { GroupAvatar } from "./group-avatar";

export interface GroupListItem {
  id: number;
  name: string;
  fullName: string;
  fullPath: string;
  description: string;
  visibility: string;
  accessLevel: number | null;
  avatarPath?: string | null;
}

export function GroupList({ groups, empty }: { groups: GroupListItem[]; empty: React.ReactNode }) {
  if (groups.length === 0) return <div className="rounded-lg border border-dashed border-gray-300 bg-white px-6 py-10 text-center text-sm text-gray-600">{empty}</div>;
  return (
    <ul className="divide-y divide-gray-100 overflow-hidden rounded-lg border border-gray-200 bg-white">
      {groups.map((g) => (
        <li key={g.id} className="flex items-center gap-4 px-4 py-3">
          <GroupAvatar name={g.name} avatarPath={g.avatarPath} />
          <div className="min-w-0 flex-1">
            <Link href={`/groups/${g.fullPath}`} className="font-medium">
              {g.fullName}
            </Link>
            <p className="truncate text-xs text-gray-500">{g.description || g.fullPath}</p>
          </div>
          <Badge>{g.visibility}</Badge>
          {g.accessLevel ? <Badge tone="info">{accessLevelName(g.accessLevel)}</Badge> : null}
        </li>
      ))}
    </ul>
  );
}
