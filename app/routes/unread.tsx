import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData, useSearchParams } from "@remix-run/react";
import { UnreadBadge } from "../components/follow/unread";
import { Pagination } from "../components/thread-list";
import { RelativeTime } from "../components/time";
import { listUnread } from "../domain/follow/reads.server";
import { requireUser } from "../utils/http.server";

export const meta: MetaFunction = () => [{ title: "Unread · Partner Community" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const page = Number(new URL(request.url).searchParams.get("page") ?? "1");
  return listUnread(context.db, user, Number.isInteger(page) ? page : 1);
}

export default function Unread() {
  const { threads, page, hasMore } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  return (
    <section className="stack">
      <h1>Unread</h1>
      <p className="muted">Threads you have read before, with posts since. Muted threads and categories are left out.</p>
      {threads.length === 0 ? (
        <p className="muted">You are all caught up.</p>
      ) : (
        <ol className="thread-list" aria-label="Unread threads">
          {threads.map((thread) => (
            <li key={thread.id} className="thread-row">
              <div className="thread-main">
                <a className="thread-title" href={thread.resumeHref}>
                  {thread.title}
                </a>
                <p className="cluster thread-meta">
                  {thread.accepted_post_id ? <span className="badge badge-solved">Solved</span> : null}
                  <a href={`/c/${thread.category_slug}`} className="muted">
                    {thread.category_name}
                  </a>
                  <span className="muted">by {thread.author_name}</span>
                </p>
              </div>
              <div className="thread-stats">
                <UnreadBadge count={thread.unread} href={thread.resumeHref} />
                <span className="muted">
                  <RelativeTime date={thread.last_posted_at} />
                </span>
              </div>
            </li>
          ))}
        </ol>
      )}
      <Pagination page={page} hasMore={hasMore} base={params} />
    </section>
  );
}
