import Link from "next/link";
import { CopyButton } from "@/components/ui/copy-button";
import { CloneUrlField } from "./clone-url-field";

/** A word for a POSIX shell, quoted when it must be: what a user copies must run as shown, whatever a name holds. */
const quoted = (value: string) => (/^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replaceAll("'", `'\\''`)}'`);

function Commands({ title, lines }: { title: string; lines: string[] }) {
  const text = lines.join("\n");
  return (
    <section className="mt-5">
      <div className="flex items-center justify-between gap-2">
        <h4 className="text-sm font-semibold text-gray-900">{title}</h4>
        <CopyButton value={text} label={`Copy the commands: ${title}`} />
      </div>
      <pre className="mt-1.5 overflow-x-auto rounded-md bg-gray-50 px-4 py-3 font-mono text-xs leading-5 text-gray-800 ring-1 ring-inset ring-gray-200">{text}</pre>
    </section>
  );
}

/**
 * GitLab's page for a project whose repository has no branch yet: the clone address, and for those who may push the
 * command line instructions (a new repository, an existing folder, an existing repository) with this project's
 * address and default branch, and how to authenticate: a personal access token, as this site takes no password for git.
 */
export function EmptyProject({
  cloneUrl,
  projectPath,
  defaultBranch,
  canPush,
  user,
}: {
  cloneUrl: string;
  projectPath: string;
  defaultBranch: string;
  canPush: boolean;
  user: { name: string; email: string };
}) {
  const branch = quoted(defaultBranch);
  return (
    <section aria-labelledby="empty-repository-title" className="rounded-lg border border-gray-200 bg-white px-6 py-6">
      <h2 id="empty-repository-title" className="text-lg font-semibold text-gray-900">
        The repository for this project is empty
      </h2>
      {canPush ? (
        <>
          <p className="mt-1 text-sm text-gray-600">You can get started by cloning the repository or by pushing existing files to it, with the instructions below.</p>
          <div className="mt-4 max-w-xl">
            <CloneUrlField url={cloneUrl} />
          </div>
          <div className="mt-4 rounded-md border border-blue-200 bg-blue-50 px-4 py-3 text-sm text-blue-900">
            Git asks for a username and a password: give your username and a personal access token with the{" "}
            <span className="font-mono text-xs">write_repository</span> scope (<span className="font-mono text-xs">read_repository</span> to clone only).{" "}
            <Link href="/-/user_settings/personal_access_tokens" className="font-medium underline">
              Create a token
            </Link>
          </div>
          <h3 className="mt-6 text-base font-semibold text-gray-900">Command line instructions</h3>
          <Commands title="Git global setup" lines={[`git config --global user.name ${quoted(user.name)}`, `git config --global user.email ${quoted(user.email)}`]} />
          <Commands
            title="Create a new repository"
            lines={[`git clone ${cloneUrl}`, `cd ${quoted(projectPath)}`, `git switch --create ${branch}`, "touch README.md", "git add README.md", 'git commit -m "add README"', `git push --set-upstream origin ${branch}`]}
          />
          <Commands
            title="Push an existing folder"
            lines={["cd existing_folder", `git init --initial-branch=${branch}`, `git remote add origin ${cloneUrl}`, "git add .", 'git commit -m "Initial commit"', `git push --set-upstream origin ${branch}`]}
          />
          <Commands
            title="Push an existing Git repository"
            lines={["cd existing_repo", "git remote rename origin old-origin", `git remote add origin ${cloneUrl}`, "git push --set-upstream origin --all", "git push --set-upstream origin --tags"]}
          />
        </>
      ) : (
        <p className="mt-1 text-sm text-gray-600">Nothing has been pushed yet. Ask a Developer, Maintainer or Owner of the project to push its first branch.</p>
      )}
    </section>
  );
}
