import { useFetcher } from "@remix-run/react";
import type { ReactNode } from "react";
import { Avatar } from "./avatar";
import { RelativeTime } from "./time";
import { reactionKinds, reactionLabels } from "../domain/forum/validation";
import { FlagButton } from "./moderation/flag-button";
import { AuthorStandingLine } from "./recognition/author-standing";
import type { AuthorStanding } from "../domain/recognition/author-standing.server";

export interface PostView {
  id: string;
  post_number: number;
  author_id: string;
  author_name: string;
  author_handle: string;
  author_title: string;
  author_organization: string | null;
  author_avatar_id: string | null;
  body_html: string;
  edit_count: number;
  edited_at: string | Date | null;
  hidden_at: string | Date | null;
  deleted_at: string | Date | null;
  created_at: string | Date;
  reactions: Partial<Record<(typeof reactionKinds)[number], { count: number; mine: boolean }>>;
  /** The author deleted their account: "Former member", no handle, no profile link (decision 023). */
  author_deleted?: boolean;
}

export interface PostPermissions {
  canReact: boolean;
  canEdit: boolean;
  canDelete: boolean;
  canAccept: boolean;
  canQuote: boolean;
  /** Moderation: flag this post (and whether this viewer already did), open the moderator tools. */
  canFlag?: boolean;
  flagged?: boolean;
  canModerate?: boolean;
}

export function PostArticle({
  post,
  accepted,
  permissions,
  onQuote,
  extraTools,
  standing,
}: {
  post: PostView;
  accepted: boolean;
  permissions: PostPermissions;
  onQuote?: (post: PostView) => void;
  extraTools?: ReactNode;
  /** The author's recognition level and top badges, when the page loaded them. */
  standing?: AuthorStanding;
}) {
  return (
    <article id={`post-${post.post_number}`} className={`post${accepted ? " post-accepted" : ""}`} aria-labelledby={`post-${post.post_number}-author`}>
      <header className="post-header">
        <Avatar user={{ displayName: post.author_name, avatarId: post.author_avatar_id }} />
        <div>
          {post.author_deleted ? (
            <p id={`post-${post.post_number}-author`} className="post-author">
              <strong>{post.author_name}</strong>
            </p>
          ) : (
            <>
              <p id={`post-${post.post_number}-author`} className="post-author">
                <a href={`/u/${post.author_handle}`}>
                  <strong>{post.author_name}</strong>
                </a>{" "}
                <span className="muted">@{post.author_handle}</span>
              </p>
              <p className="muted post-byline">
                {[post.author_title, post.author_organization].filter(Boolean).join(" · ") || "Partner member"}
              </p>
              {standing ? <AuthorStandingLine standing={standing} /> : null}
            </>
          )}
        </div>
        <p className="post-when muted">
          <a href={`/p/${post.id}`}>
            <span className="visually-hidden">Post {post.post_number}, </span>
            <RelativeTime date={post.created_at} />
          </a>
          {post.edit_count > 0 ? (
            <>
              {" · "}
              <a href={`/posts/${post.id}/history`}>edited</a>
            </>
          ) : null}
        </p>
      </header>
      {accepted ? <p className="badge badge-solved">Accepted answer</p> : null}
      {post.hidden_at ? <p className="alert alert-info">This post is hidden pending review. Only you and moderators can see it.</p> : null}
      {post.deleted_at ? (
        <p className="muted">This post was deleted.</p>
      ) : (
        <div className="post-body prose" dangerouslySetInnerHTML={{ __html: post.body_html }} />
      )}
      {post.deleted_at ? null : (
        <PostActions post={post} permissions={permissions} accepted={accepted} onQuote={onQuote} extraTools={extraTools} />
      )}
    </article>
  );
}

function PostActions({
  post,
  permissions,
  accepted,
  onQuote,
  extraTools,
}: {
  post: PostView;
  permissions: PostPermissions;
  accepted: boolean;
  onQuote?: (post: PostView) => void;
  extraTools?: ReactNode;
}) {
  const fetcher = useFetcher();
  return (
    <footer className="post-actions cluster">
      <fetcher.Form method="post" className="cluster reactions" aria-label="Reactions">
        <input type="hidden" name="postId" value={post.id} />
        {reactionKinds.map((kind) => {
          const reaction = post.reactions[kind];
          const count = reaction?.count ?? 0;
          if (!permissions.canReact) {
            return count > 0 ? (
              <span key={kind} className="reaction">
                {reactionLabels[kind]} {count}
              </span>
            ) : null;
          }
          return (
            <button
              key={kind}
              type="submit"
              name="intent"
              value={`react:${kind}`}
              className="reaction"
              aria-pressed={reaction?.mine ?? false}
              aria-label={`${reactionLabels[kind]} (${count})`}
            >
              {reactionLabels[kind]} {count > 0 ? count : ""}
            </button>
          );
        })}
      </fetcher.Form>
      <div className="cluster post-tools">
        {extraTools}
        {permissions.canQuote && onQuote ? (
          <button type="button" className="link-button" onClick={() => onQuote(post)}>
            Quote
          </button>
        ) : null}
        {permissions.canAccept && post.post_number > 1 ? (
          <fetcher.Form method="post">
            <input type="hidden" name="postId" value={post.id} />
            <button type="submit" name="intent" value={accepted ? "unaccept" : "accept"} className="link-button">
              {accepted ? "Unaccept answer" : "Accept answer"}
            </button>
          </fetcher.Form>
        ) : null}
        {permissions.canEdit ? <a href={`/posts/${post.id}/edit`}>Edit</a> : null}
        {permissions.canFlag ? <FlagButton postId={post.id} flagged={permissions.flagged ?? false} /> : null}
        {permissions.canModerate ? <a href={`/mod/posts/${post.id}`}>Moderate</a> : null}
        {permissions.canDelete ? (
          <fetcher.Form method="post" onSubmit={(event) => {
            if (!window.confirm("Delete this post?")) event.preventDefault();
          }}>
            <input type="hidden" name="postId" value={post.id} />
            <button type="submit" name="intent" value="delete" className="link-button">
              Delete
            </button>
          </fetcher.Form>
        ) : null}
      </div>
      {fetcher.data && typeof fetcher.data === "object" && "errors" in fetcher.data ? (
        <p className="field-error" role="alert">
          {String(Object.values((fetcher.data as { errors: Record<string, string> }).errors)[0] ?? "")}
        </p>
      ) : null}
    </footer>
  );
}
