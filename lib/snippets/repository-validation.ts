import { defaultBranch, listTree, repositoryStatistics, runGit } from "@/lib/repositories";
import { MAX_SNIPPET_FILES } from "./files";

/** GitLab's default snippet_size_limit (50 MB), which its size checker holds a snippet repository to. */
const SNIPPET_SIZE_LIMIT = 50 * 1024 * 1024;

/**
 * GitLab's Snippets::RepositoryValidationService, on the bare repository at `repo`: one branch, the default one (what
 * HEAD names), no tags, between 1 and 10 files, at most the size limit. Null when valid, else GitLab's message for
 * the first rule broken: an importer removes a repository that breaks one.
 */
export async function validateSnippetRepository(repo: string): Promise<string | null> {
  const statistics = await repositoryStatistics(repo);
  if (statistics.branch_count !== 1) return "Repository has more than one branch.";
  const head = await defaultBranch(repo);
  const { stdout } = await runGit(["for-each-ref", "--format=%(refname:lstrip=2)", "refs/heads/"], { gitDir: repo, timeoutMs: 60_000, maxStdoutBytes: 64 * 1024 });
  if (head === null || stdout.toString().trim() !== head) return "Repository has an invalid default branch name.";
  if (statistics.tag_count !== 0) return "Repository has tags.";
  const files = (await listTree(repo, { ref: head, recursive: true, perPage: MAX_SNIPPET_FILES + 1 })).items.filter((item) => item.type === "blob").length;
  if (files > MAX_SNIPPET_FILES) return "Repository files count over the limit";
  if (files === 0) return "Repository must contain at least 1 file.";
  if (statistics.repository_size > SNIPPET_SIZE_LIMIT) return "Repository size is above the limit.";
  return null;
}
