/** GitLab's addresses of a project's snippets: `/<full path>/-/snippets[/<id>[/raw/<ref>/<path>]]`. */
const segments = (value: string) => value.split("/").map(encodeURIComponent).join("/");

export const snippetsUrl = (fullPath: string) => `/${fullPath}/-/snippets`;
export const snippetUrl = (fullPath: string, id: number) => `/${fullPath}/-/snippets/${id}`;
/** A file as it is: `<ref>/<path>` of the snippet's repository, or, with neither, its first (or legacy) file. */
export const snippetRawUrl = (fullPath: string, id: number, at?: { ref: string; path: string }) => `${snippetUrl(fullPath, id)}/raw${at ? `/${segments(at.ref)}/${segments(at.path)}` : ""}`;
