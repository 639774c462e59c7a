import { RelativeTime } from "./time";

export interface ThreadListItem {
  id: string;
  title: string;
  slug: string;
  reply_count: number;
  accepted_post_id: string | null;
  pinned_at: string | Date | null;
  locked_at: string | Date | null;
  last_posted_at: string | Date;
  category_name: string;
  category_slug: string;
  author_name: string;
  tags: { slug: string; name: string }[];
}

export function ThreadList({ threads, showCategory = true }: { threads: ThreadListItem[]; showCategory?: boolean }) {
  if (threads.length === 0) return <p className="muted">No threads here yet.</p>;
  return (
    <ol className="thread-list" aria-label="Threads">
      {threads.map((thread) => (
        <li key={thread.id} className="thread-row">
          <div className="thread-main">
            <a className="thread-title" href={`/t/${thread.id}/${thread.slug}`}>
              {thread.pinned_at ? <span className="badge">Pinned</span> : null}
              {thread.locked_at ? <span className="badge">Locked</span> : null}
              {thread.title}
            </a>
            <p className="cluster thread-meta">
              {thread.accepted_post_id ? <span className="badge badge-solved">Solved</span> : null}
              {showCategory ? (
                <a href={`/c/${thread.category_slug}`} className="muted">
                  {thread.category_name}
                </a>
              ) : null}
              {thread.tags.map((tag) => (
                <a key={tag.slug} className="tag" href={`/c/${thread.category_slug}?tag=${encodeURIComponent(tag.slug)}`}>
                  #{tag.name}
                </a>
              ))}
              <span className="muted">by {thread.author_name}</span>
            </p>
          </div>
          <div className="thread-stats">
            <span>
              <strong>{thread.reply_count}</strong> <span className="muted">{thread.reply_count === 1 ? "reply" : "replies"}</span>
            </span>
            <span className="muted">
              <RelativeTime date={thread.last_posted_at} />
            </span>
          </div>
        </li>
      ))}
    </ol>
  );
}

export function Pagination({ page, hasMore, base }: { page: number; hasMore: boolean; base: URLSearchParams }) {
  const link = (target: number) => {
    const params = new URLSearchParams(base);
    params.set("page", String(target));
    return `?${params.toString()}`;
  };
  if (page === 1 && !hasMore) return null;
  return (
    <nav aria-label="Pages" className="cluster">
      {page > 1 ? <a href={link(page - 1)}>← Newer</a> : null}
      <span className="muted">Page {page}</span>
      {hasMore ? <a href={link(page + 1)}>Older →</a> : null}
    </nav>
  );
}
