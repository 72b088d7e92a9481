// Public face of lib/references: GitLab's references in text. The syntax (syntax.ts) is browser-safe and read by
// lib/markdown's renderers; the rewrite of imported text is the `references` import step's; the resolver answers, for
// a page, which references exist and may be shown to its viewer.
export { mapSourcePath, referenceRewriter, type PathMapping, type ReferenceRewrite } from "./rewrite";
export { resolveReferences, type ReferenceContext } from "./resolve";
export { findReferences, referenceKey, type Reference, type ReferenceKind, type ResolvedReference, type ResolvedReferences } from "./syntax";
