import Link from "next/link";
import { NewProjectForm } from "@/components/projects/new-project-form";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { findGroup } from "@/lib/groups";
import { canCreateProjectIn } from "@/lib/projects";
import { requestOrigin } from "../../request-origin";
import { requireUser } from "../../require-user";
import { createProjectAction } from "./actions";
import { creatableNamespaces } from "./create-request";

export const metadata = { title: "New project" };

/** `/projects/new[?namespace_id=<group id>]`: GitLab's "Create blank project", in one of the user's groups. */
export default async function NewProjectPage({ searchParams }: { searchParams: Promise<{ namespace_id?: string }> }) {
  const user = await requireUser();
  const { namespace_id } = await searchParams;
  const namespaces = await creatableNamespaces(user);
  // A group past the first hundred is still offered when the link named it.
  const wanted = namespace_id && /^\d+$/.test(namespace_id) ? Number(namespace_id) : undefined;
  if (wanted !== undefined && !namespaces.some((g) => g.id === wanted)) {
    const group = await findGroup(user, wanted);
    if (group && canCreateProjectIn(user, group)) namespaces.unshift(group);
  }
  const origin = await requestOrigin();
  return (
    <>
      <PageHeader
        title="Create blank project"
        description={
          <>
            Store your files, plan your work, and collaborate on code. A project lives in a group. Have a GitLab export?{" "}
            <Link href={`/import/gitlab_project/new${wanted !== undefined ? `?namespace_id=${wanted}` : ""}`}>Import project</Link>.
          </>
        }
      />
      {namespaces.length === 0 ? (
        <Alert tone="info" title="There is no group you can create a project in.">
          A project belongs to a group in which you are at least a Developer (or whatever role the group asks for). <Link href="/groups/new">Create a group</Link> first, or ask
          a group&apos;s Owner for a role.
        </Alert>
      ) : (
        <NewProjectForm
          action={createProjectAction}
          origin={origin}
          namespaces={namespaces.map((g) => ({ id: g.id, fullPath: g.fullPath, visibility: g.visibility }))}
          defaultNamespaceId={wanted !== undefined && namespaces.some((g) => g.id === wanted) ? wanted : undefined}
        />
      )}
    </>
  );
}
