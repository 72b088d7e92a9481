import { FileExportPanel, type FileExportPanelProps } from "@/components/exchange/file-export-panel";

const EXPORTED = ["Subgroups", "Milestones", "Labels", "Badges", "Boards and board lists", "Epics, with their notes, award emoji and events", "Iterations and cadences", "Members"];
const NOT_EXPORTED = ["Projects (export each one from its own settings)", "Uploads and the avatar", "Runner tokens and other secrets"];

/** Settings → General → Export group: GitLab's section for a group and its subgroups. */
export function GroupExport(props: FileExportPanelProps) {
  return (
    <FileExportPanel
      {...props}
      kind="group"
      intro="Export this group and its subgroups to a file that GitLab imports (New group → Import group → Import from an export file). The file is ready for you alone and can be downloaded for 24 hours."
      exported={EXPORTED}
      notExported={NOT_EXPORTED}
    />
  );
}
