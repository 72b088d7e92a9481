/** GitLab's global ids (`gid://gitlab/Project/42`): what its GraphQL API answers for `id`, and what importers parse. */
export function globalId(type: string, id: number): string {
  return `gid://gitlab/${type}/${id}`;
}
