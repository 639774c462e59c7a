import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData, useSearchParams } from "@remix-run/react";
import { RelativeTime } from "../components/time";
import { Pagination } from "../components/thread-list";
import { listCategories } from "../domain/forum/queries.server";
import { RECENT_MATCHES, searchPosts } from "../domain/forum/search.server";

export const meta: MetaFunction = () => [{ title: "Search · Partner Community" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams;
  const page = Number(params.get("page") ?? "1");
  const [results, categories] = await Promise.all([
    searchPosts(context.db, context.user, {
      query: params.get("q") ?? "",
      categorySlug: params.get("category") || undefined,
      authorHandle: params.get("author")?.replace(/^@/, "") || undefined,
      tag: params.get("tag") || undefined,
      solved: params.get("solved") === "1",
      page: Number.isInteger(page) && page > 0 ? page : 1,
    }),
    listCategories(context.db, context.user),
  ]);
  return { ...results, recentMatches: RECENT_MATCHES, categories: categories.map((c) => ({ slug: c.slug, name: c.name })) };
}

export default function Search() {
  const { results, page, hasMore, capped, recentMatches, categories } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const q = params.get("q") ?? "";
  return (
    <section className="stack">
      <h1>Search</h1>
      <Form method="get" role="search" className="stack-tight search-form">
        <div className="cluster">
          <label htmlFor="search-q" className="visually-hidden">
            Search the forum
          </label>
          <input id="search-q" type="search" name="q" defaultValue={q} placeholder={'For example: grant reporting "local government"'} />
          <button type="submit">Search</button>
        </div>
        <div className="cluster filters">
          <label htmlFor="search-category">Category</label>
          <select id="search-category" name="category" defaultValue={params.get("category") ?? ""} style={{ width: "auto" }}>
            <option value="">All</option>
            {categories.map((category) => (
              <option key={category.slug} value={category.slug}>
                {category.name}
              </option>
            ))}
          </select>
          <label htmlFor="search-author">Author</label>
          <input id="search-author" name="author" defaultValue={params.get("author") ?? ""} placeholder="@handle" style={{ width: "10rem" }} />
          <label htmlFor="search-tag">Tag</label>
          <input id="search-tag" name="tag" defaultValue={params.get("tag") ?? ""} style={{ width: "10rem" }} />
          <label className="cluster">
            <input type="checkbox" name="solved" value="1" defaultChecked={params.get("solved") === "1"} style={{ width: "auto", minHeight: "auto" }} />
            Solved only
          </label>
        </div>
      </Form>
      {q ? (
        results.length ? (
          <ol className="stack search-results" aria-label="Results">
            {results.map((result) => (
              <li key={result.post_id} className="card stack-tight">
                <h2 className="result-title">
                  <a href={`/p/${result.post_id}`}>{result.title}</a>
                  {result.accepted_post_id ? <span className="badge badge-solved">Solved</span> : null}
                </h2>
                <p className="snippet" dangerouslySetInnerHTML={{ __html: result.snippet }} />
                <p className="muted cluster">
                  <span>{result.category_name}</span>
                  <span>{result.author_name}</span>
                  <RelativeTime date={result.created_at} />
                </p>
              </li>
            ))}
          </ol>
        ) : (
          <p>No posts match “{q}”. Try fewer or different words.</p>
        )
      ) : (
        <p className="muted">Search posts and thread titles. Use quotes for phrases, “or” for either word and “-word” to exclude.</p>
      )}
      {q && capped ? (
        <p className="muted">
          Many posts match: these are the best of the newest {recentMatches.toLocaleString("en")}. Add words or filters to reach older posts.
        </p>
      ) : null}
      <Pagination page={page} hasMore={hasMore} base={params} />
    </section>
  );
}
