import { Badge } from "@/components/ui/badge";
import { LinkButton } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { GroupAvatar } from "./group-avatar";
import { GroupTabs, type GroupTab, type GroupTabKey } from "./group-tabs";

export interface GroupHeaderItem {
  id: number;
  name: string;
  fullPath: string;
  visibility: string;
  description: string | null;
  avatarPath: string | null;
}

/** What every page of a group starts with: its avatar, name, visibility, path and description, then its tabs. */
export function GroupHeader({
  group,
  tabs,
  current,
  canCreateSubgroup,
  canCreateProject = false,
}: {
  group: GroupHeaderItem;
  tabs: GroupTab[];
  current: GroupTabKey;
  canCreateSubgroup: boolean;
  canCreateProject?: boolean;
}) {
  return (
    <>
      <PageHeader
        title={
          <span className="flex items-center gap-3">
            <GroupAvatar name={group.name} avatarPath={group.avatarPath} size="lg" />
            {group.name} <Badge>{group.visibility}</Badge>
          </span>
        }
        description={
          <>
            <span className="font-mono text-xs">{group.fullPath}</span>
            {group.description ? <p className="mt-2">{group.description}</p> : null}
          </>
        }
        actions={
          canCreateSubgroup || canCreateProject ? (
            <div className="flex flex-wrap gap-2">
              {canCreateSubgroup ? (
                <LinkButton variant={canCreateProject ? "secondary" : "primary"} href={`/groups/new?parent_id=${group.id}`}>
                  New subgroup
                </LinkButton>
              ) : null}
              {canCreateProject ? <LinkButton href={`/projects/new?namespace_id=${group.id}`}>New project</LinkButton> : null}
            </div>
          ) : null
        }
      />
      <GroupTabs fullPath={group.fullPath} current={current} tabs={tabs} />
    </>
  );
}
