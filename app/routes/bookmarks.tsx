import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useLoaderData, useSearchParams } from "@remix-run/react";
import { Pagination } from "../components/thread-list";
import { RelativeTime } from "../components/time";
import { listBookmarks, removeBookmark } from "../domain/follow/bookmarks.server";
import { requireUser } from "../utils/http.server";

export const meta: MetaFunction = () => [{ title: "Bookmarks · Partner Community" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const page = Number(new URL(request.url).searchParams.get("page") ?? "1");
  return listBookmarks(context.db, user, Number.isInteger(page) ? page : 1);
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const postId = (await request.formData()).get("postId");
  if (typeof postId !== "string" || !postId || postId.length > 40) return data({ error: "Choose a bookmark." }, { status: 400 });
  await removeBookmark(context.db, user, postId);
  return data({ ok: true });
}

export default function Bookmarks() {
  const { bookmarks, page, hasMore } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  return (
    <section className="stack">
      <h1>Bookmarks</h1>
      {bookmarks.length === 0 ? (
        <p className="muted">No bookmarks yet. Bookmark a post to come back to it, with a reminder if you like.</p>
      ) : (
        <ol className="stack notification-list" aria-label="Bookmarks">
          {bookmarks.map((bookmark) => (
            <li key={bookmark.id} className="card stack-tight">
              <a href={`/p/${bookmark.post_id}`} className="result-title">
                {bookmark.thread_title}
                {bookmark.post_number > 1 ? ` · post #${bookmark.post_number}` : ""}
              </a>
              <p className="snippet">
                {bookmark.author_name}: {bookmark.excerpt}
              </p>
              {bookmark.note ? <p>{bookmark.note}</p> : null}
              <div className="spread">
                <span className="muted">
                  Saved <RelativeTime date={bookmark.created_at} />
                  {bookmark.remind_at ? (
                    <>
                      {" "}
                      · reminder <RelativeTime date={bookmark.remind_at} />
                    </>
                  ) : null}
                </span>
                <Form method="post">
                  <input type="hidden" name="postId" value={bookmark.post_id} />
                  <button type="submit" className="link-button">
                    Remove<span className="visually-hidden"> bookmark on “{bookmark.thread_title}”</span>
                  </button>
                </Form>
              </div>
            </li>
          ))}
        </ol>
      )}
      <Pagination page={page} hasMore={hasMore} base={params} />
    </section>
  );
}
