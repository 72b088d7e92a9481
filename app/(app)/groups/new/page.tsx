import { headers } from "next/headers";
import Link from "next/link";
import { NewGroupForm } from "@/components/groups/new-group-form";
import { PageHeader } from "@/components/ui/page-header";
import { baseUrlOf } from "@/lib/api";
import { listGroups, SUBGROUP_CREATION_MIN_LEVEL } from "@/lib/groups";
import { requireUser } from "../../require-user";
import { createGroupAction } from "./actions";

export const metadata = { title: "New group" };

export default async function NewGroupPage({ searchParams }: { searchParams: Promise<{ parent_id?: string }> }) {
  const user = await requireUser();
  const { parent_id } = await searchParams;
  const { rows } = await listGroups(user, { minAccessLevel: user.isAdmin ? undefined : SUBGROUP_CREATION_MIN_LEVEL, orderBy: "path", page: 1, perPage: 100 });
  const parents = rows.map((g) => ({ id: g.id, fullPath: g.fullPath, visibility: g.visibility })).sort((a, b) => a.fullPath.localeCompare(b.fullPath));
  const h = await headers();
  const origin = baseUrlOf(new Request("http://localhost", { headers: h }));
  return (
    <>
      <PageHeader
        title="New group"
        description={
          <>
            Groups hold subgroups, projects and members. Moving groups from another GitLab instance? <Link href="/import/groups">Import group</Link>{" "}
            by direct transfer, or <Link href={`/import/gitlab_group/new${parent_id ? `?parent_id=${encodeURIComponent(parent_id)}` : ""}`}>import a group from an export file</Link>.
          </>
        }
      />
      <NewGroupForm action={createGroupAction} parents={parents} defaultParentId={parent_id ? Number(parent_id) : undefined} origin={origin} />
    </>
  );
}
