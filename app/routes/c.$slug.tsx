import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData, useSearchParams } from "@remix-run/react";
import { Pagination, ThreadList } from "../components/thread-list";
import { getCategoryBySlug, listThreads } from "../domain/forum/queries.server";
import { useLiveRevalidate } from "../realtime/useLiveRevalidate";
import { asHttpError } from "../utils/http.server";
import { CategoryWatchSelect } from "../components/follow/follow-controls";
import { categoryWatchLevel } from "../domain/follow/watches.server";
import { listOptionsFrom } from "../utils/list-params";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.category.name ?? "Category"} · Partner Community` },
  { name: "description", content: data?.category.description ?? "" },
];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const category = await getCategoryBySlug(context.db, context.user, params.slug ?? "").catch(asHttpError);
  const options = listOptionsFrom(new URL(request.url));
  const list = await listThreads(context.db, context.user, { ...options, categoryId: category.id, view: "latest" });
  const tags = await context.db
    .selectFrom("tags")
    .innerJoin("thread_tags", "thread_tags.tag_id", "tags.id")
    .innerJoin("threads", "threads.id", "thread_tags.thread_id")
    .select(["tags.slug", "tags.name"])
    .where("threads.category_id", "=", category.id)
    .groupBy(["tags.slug", "tags.name"])
    .orderBy("tags.name")
    .execute();
  const watchLevel = context.user ? await categoryWatchLevel(context.db, context.user.id, category.id) : null;
  return {
    watchLevel,
    category: { id: category.id, name: category.name, slug: category.slug, description: category.description },
    ...list,
    tags,
    signedIn: Boolean(context.user),
  };
}

export default function CategoryPage() {
  const { category, threads, page, hasMore, tags, signedIn, watchLevel } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  useLiveRevalidate("category:thread", { room: `category:${category.id}` });
  const status = params.get("status") ?? "";
  const tag = params.get("tag") ?? "";
  return (
    <div className="stack">
      <p>
        <a href="/forum">Forum</a> ›
      </p>
      <div className="cluster spread">
        <h1>{category.name}</h1>
        {signedIn ? (
          <a className="button" href={`/new-thread?category=${category.id}`}>
            New thread
          </a>
        ) : null}
      </div>
      {category.description ? <p className="muted">{category.description}</p> : null}
      {watchLevel ? <CategoryWatchSelect categoryId={category.id} level={watchLevel} /> : null}
      <form method="get" className="cluster filters" aria-label="Filter threads">
        <label htmlFor="status-filter">Show</label>
        <select id="status-filter" name="status" defaultValue={status} style={{ width: "auto" }}>
          <option value="">All threads</option>
          <option value="unanswered">Unanswered</option>
          <option value="solved">Solved</option>
        </select>
        <label htmlFor="tag-filter">Tag</label>
        <select id="tag-filter" name="tag" defaultValue={tag} style={{ width: "auto" }}>
          <option value="">Any tag</option>
          {tags.map((t) => (
            <option key={t.slug} value={t.slug}>
              {t.name}
            </option>
          ))}
        </select>
        <button type="submit" className="button-quiet">
          Filter
        </button>
      </form>
      <ThreadList threads={threads} showCategory={false} />
      <Pagination page={page} hasMore={hasMore} base={params} />
    </div>
  );
}
