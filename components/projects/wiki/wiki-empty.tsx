import { CloneUrlField } from "@/components/projects/overview/clone-url-field";

/**
 * A wiki without any page (GitLab's empty state, its words as GitLab has them for who may write and who may not).
 * Ferry has no page editor: pages come by pushing to the wiki's repository, whose address is here to copy.
 */
export function WikiEmpty({ cloneUrl, canWrite }: { cloneUrl: string; canWrite: boolean }) {
  return (
    <section aria-labelledby="wiki-empty-title" className="rounded-lg border border-dashed border-gray-300 bg-white px-6 py-10">
      <div className="mx-auto max-w-xl">
        <h2 id="wiki-empty-title" className="text-lg font-semibold text-gray-900">
          {canWrite ? "The wiki lets you write documentation for your project" : "This project has no wiki pages"}
        </h2>
        <p className="mt-2 text-sm text-gray-600">
          {canWrite
            ? "A wiki is where you can store all the details about your project. This can include why you've created it, its principles, how to use it, and so on. Clone the wiki's repository, add pages as Markdown files, and push them: they show here."
            : "You must be a project member in order to add wiki pages."}
        </p>
        <div className="mt-4">
          <CloneUrlField url={cloneUrl} label="Clone repository" />
        </div>
      </div>
    </section>
  );
}
