import { ProtectedBranchesTable, ProtectedTagsTable } from "@/components/projects/settings/protected-refs-tables";
import { SettingsNav } from "@/components/projects/settings/settings-nav";
import { SettingsSection } from "@/components/projects/settings/settings-section";
import type { ProjectParams } from "@/app/(app)/projects/project-route";
import { settingsRoute } from "@/app/(app)/projects/-/edit/-/[...path]/settings-route";
import type { RefAccessLevel } from "@/lib/db";
import { accessLevelDescription, protectedBranchesOf, protectedTagsOf, refUserNames } from "@/lib/projects";

/** Settings → Repository (`/-/settings/repository`): the project's protected branches and tags, as GitLab lists them. */
export default async function RepositorySettingsPage({ params }: { params: Promise<ProjectParams> }) {
  const { project } = await settingsRoute(params);
  const [branches, tags] = await Promise.all([protectedBranchesOf(project), protectedTagsOf(project.id)]);
  const names = await refUserNames([...branches.flatMap((rule) => [...rule.mergeAccessLevels, ...rule.pushAccessLevels]), ...tags.flatMap((rule) => rule.createAccessLevels)]);
  const describe = (levels: RefAccessLevel[]) => levels.map((level) => accessLevelDescription(level, level.userId === null ? null : names.get(level.userId)));
  return (
    <div className="space-y-6">
      <SettingsNav fullPath={project.fullPath} current="repository" />
      <SettingsSection id="protected-branches" title="Protected branches" description="Keep stable branches secure: who may push, merge and force push to branches that match each rule. Nobody deletes a protected branch with git.">
        <ProtectedBranchesTable
          rows={branches.map((rule) => ({
            id: rule.id,
            name: rule.name,
            allowedToMerge: describe(rule.mergeAccessLevels),
            allowedToPush: describe(rule.pushAccessLevels),
            allowForcePush: rule.allowForcePush,
            codeOwnerApprovalRequired: rule.codeOwnerApprovalRequired,
          }))}
        />
      </SettingsSection>
      <SettingsSection id="protected-tags" title="Protected tags" description="Who may create tags that match each rule. Nobody updates or deletes a protected tag with git.">
        <ProtectedTagsTable rows={tags.map((rule) => ({ id: rule.id, name: rule.name, allowedToCreate: describe(rule.createAccessLevels) }))} />
      </SettingsSection>
    </div>
  );
}
