import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { RelativeTime } from "../components/time";
import { postHistory } from "../domain/forum/posts.server";
import { asHttpError } from "../utils/http.server";

export const meta: MetaFunction = () => [{ title: "Edit history · Partner Community" }];

export async function loader({ params, context }: LoaderFunctionArgs) {
  return postHistory(context.db, context.user, params.id ?? "").catch(asHttpError);
}

export default function PostHistory() {
  const { threadId, current, revisions } = useLoaderData<typeof loader>();
  return (
    <section className="stack">
      <h1>Edit history</h1>
      <p>
        <a href={`/t/${threadId}`}>Back to the thread</a>
      </p>
      <article className="card stack-tight">
        <h2>Current version</h2>
        {current.edited_at ? (
          <p className="muted">
            Edited <RelativeTime date={current.edited_at} />
          </p>
        ) : null}
        <pre className="source">{current.body_source}</pre>
      </article>
      {revisions.map((revision) => (
        <article key={revision.revision} className="card stack-tight">
          <h2>Before edit {revision.revision}</h2>
          <p className="muted">
            Replaced by {revision.editor_name} <RelativeTime date={revision.created_at} />
          </p>
          {revision.title ? <p>Title was: {revision.title}</p> : null}
          <pre className="source">{revision.body_source}</pre>
        </article>
      ))}
    </section>
  );
}
