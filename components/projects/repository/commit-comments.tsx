import { Markdown } from "@/components/ui/markdown";
import { TimeAgo } from "@/components/ui/time-ago";

export interface CommitCommentItem {
  id: number;
  note: string;
  createdAt: Date;
  author: { username: string; name: string } | null;
}

/** The comments on a commit (GitLab shows them under its diff), oldest first; imported with the project. */
export function CommitComments({ comments, total }: { comments: readonly CommitCommentItem[]; total: number }) {
  return (
    <section aria-labelledby="comments-title" className="mt-8">
      <h2 id="comments-title" className="mb-3 text-sm font-semibold text-gray-900">
        {total === 1 ? "1 comment" : `${total.toLocaleString("en")} comments`}
      </h2>
      {comments.length === 0 ? <p className="text-sm text-gray-500">No comments on this commit.</p> : null}
      <ol className="space-y-3">
        {comments.map((comment) => (
          <li key={comment.id} className="rounded-lg border border-gray-200 bg-white p-4" aria-label={`Comment by ${comment.author?.name ?? "a deleted user"}`}>
            <p className="mb-2 text-xs text-gray-600">
              <span className="font-medium text-gray-900">{comment.author?.name ?? "Ghost User"}</span>
              {comment.author ? <span className="text-gray-500"> @{comment.author.username}</span> : null} · <TimeAgo date={comment.createdAt} />
            </p>
            <Markdown source={comment.note} />
          </li>
        ))}
      </ol>
      {total > comments.length ? <p className="mt-2 text-xs text-gray-500">{`Showing the first ${comments.length} comments.`}</p> : null}
    </section>
  );
}
