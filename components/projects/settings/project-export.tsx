import { FileExportPanel, type FileExportPanelProps } from "@/components/exchange/file-export-panel";

// GitLab's list on the same page (doc/user/project/settings/import_export.md), for what Ferry stores.
const EXPORTED = [
  "Project and wiki repositories, with every branch, tag and merge request ref",
  "Project uploads and LFS objects",
  "Design management repository",
  "Snippets, with their repositories, notes and award emoji",
  "Issues, with their notes, award emoji, resource events and time logs",
  "Labels, milestones, badges, boards and releases",
  "CI/CD pipelines, pipeline schedules and settings",
  "Protected branches and tags, project features and settings",
  "Members (mapped by their email address when imported)",
];
const NOT_EXPORTED = ["Build traces and job artifacts", "Container registry images", "CI/CD variables, webhooks, deploy keys and other secrets", "Group members (export the group)"];

/** Settings → General → Export project: GitLab's section, for Maintainers of the project. */
export function ProjectExport(props: FileExportPanelProps) {
  return (
    <FileExportPanel
      {...props}
      kind="project"
      intro="Export this project with its repositories and data to a file that GitLab imports (New project → Import project → GitLab export). The file is ready for you alone and can be downloaded for 24 hours."
      exported={EXPORTED}
      notExported={NOT_EXPORTED}
    />
  );
}
