import { NavTabs } from "@/components/ui/nav-tabs";
import { projectPageUrl } from "../project-urls";

/** The pages of a project's Settings, as GitLab's Settings menu lists those Ferry has. */
export function SettingsNav({ fullPath, current }: { fullPath: string; current: "general" | "repository" }) {
  return (
    <NavTabs
      label="Settings"
      current={current}
      tabs={[
        { key: "general", label: "General", href: projectPageUrl(fullPath, "edit") },
        { key: "repository", label: "Repository", href: projectPageUrl(fullPath, "settings/repository") },
      ]}
    />
  );
}
