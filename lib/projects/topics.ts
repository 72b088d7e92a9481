export const MAX_TOPIC_LENGTH = 255;

/**
 * Topics as GitLab's topic_list= takes them: each entry may itself be a comma-separated list; names are stripped,
 * blanks dropped, and a name given twice (whatever its case) kept once, first spelling wins. Null when a topic is
 * too long, the one refusal GitLab makes.
 */
export function normalizeTopics(input: readonly string[]): string[] | null {
  const seen = new Set<string>();
  const topics: string[] = [];
  for (const entry of input) {
    for (const raw of entry.split(",")) {
      const topic = raw.trim();
      if (!topic) continue;
      if (topic.length > MAX_TOPIC_LENGTH) return null;
      if (seen.has(topic.toLowerCase())) continue;
      seen.add(topic.toLowerCase());
      topics.push(topic);
    }
  }
  return topics;
}

/** GitLab lists a project's topics sorted by name. */
export const sortedTopics = (topics: readonly string[]) => [...topics].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
