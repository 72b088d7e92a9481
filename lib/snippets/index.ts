// Public face of lib/snippets: a project's snippets, who may read them (the project's snippets feature and each
// snippet's visibility), their files (the snippet's own repository, `@snippets/...` in lib/repositories, or the legacy
// single file), and GitLab's validation of a snippet repository.
export { canReadProjectSnippets, canReadSnippet, readableSnippetsSql, type SnippetAccessFacts } from "./access";
export { MAX_SNIPPET_FILES, openSnippetFile, snippetFiles, snippetFileView, snippetRepository, type SnippetFile, type SnippetFiles } from "./files";
export { findProjectSnippet, listProjectSnippets, snippetsAfter, type Snippet, type SnippetRow } from "./queries";
export { snippetBundleDigest } from "./bundle-digest";
export { validateSnippetRepository } from "./repository-validation";
