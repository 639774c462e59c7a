import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { RelativeTime } from "../components/time";
import { ThreadList } from "../components/thread-list";
import { ForumTabs } from "../components/forum-tabs";
import { listCategories, listThreads } from "../domain/forum/queries.server";

export const meta: MetaFunction = () => [{ title: "Forum · Partner Community" }];

export async function loader({ context }: LoaderFunctionArgs) {
  const [categories, latest] = await Promise.all([
    listCategories(context.db, context.user),
    listThreads(context.db, context.user, { view: "latest" }),
  ]);
  return { categories, latest: latest.threads.slice(0, 10), signedIn: Boolean(context.user) };
}

export default function ForumHome() {
  const { categories, latest, signedIn } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <div className="cluster spread">
        <h1>Forum</h1>
        {signedIn ? (
          <a className="button" href="/new-thread">
            New thread
          </a>
        ) : null}
      </div>
      <ForumTabs current="categories" />
      <section aria-labelledby="categories-heading" className="stack-tight">
        <h2 id="categories-heading">Categories</h2>
        <ul className="category-list">
          {categories.map((category) => (
            <li key={category.id} className="card category-card" style={{ borderLeftColor: category.color }}>
              <h3>
                <a href={`/c/${category.slug}`}>{category.name}</a>
              </h3>
              <p className="muted">{category.description}</p>
              <p className="cluster muted">
                <span>
                  {category.thread_count} thread{category.thread_count === 1 ? "" : "s"}
                </span>
                <span>
                  {category.post_count} post{category.post_count === 1 ? "" : "s"}
                </span>
                {category.last_posted_at ? (
                  <span>
                    latest <RelativeTime date={category.last_posted_at} />
                  </span>
                ) : null}
              </p>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="latest-heading" className="stack-tight">
        <h2 id="latest-heading">Latest</h2>
        <ThreadList threads={latest} />
        <p>
          <a href="/latest">All latest threads</a>
        </p>
      </section>
    </div>
  );
}
