/** A project's topics, sorted as GitLab lists them. */
export function ProjectTopics({ topics }: { topics: string[] }) {
  return (
    <ul aria-label="Topics" className="flex flex-wrap gap-1.5">
      {topics.map((topic) => (
        <li key={topic} className="rounded-full bg-gray-100 px-2.5 py-0.5 text-xs font-medium text-gray-700 ring-1 ring-inset ring-gray-200">
          {topic}
        </li>
      ))}
    </ul>
  );
}
