// Public face of lib/markdown (browser-safe, no React): GitLab-flavoured Markdown's one chain of plugins, which the
// pages draw with react-markdown (components/ui/markdown.tsx), and the HTML the API answers with.
export { markdownToHtml, preformattedHtml } from "./html";
export { plainParagraphs } from "./plain-text";
export { markdownPlugins, safeHref, type HastNode, type MarkdownContext, type MarkdownRepository, type MarkdownWiki } from "./plugins";
export type { ResolvedReferences } from "@/lib/references/syntax";
