import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { RelativeTime } from "../components/time";
import { markNoticesRead, noticesFor } from "../domain/moderation/notices.server";
import { requireUser } from "../utils/http.server";

export const meta: MetaFunction = () => [{ title: "Messages from the moderators · Partner Community" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const notices = await noticesFor(context.db, user.id);
  await markNoticesRead(context.db, user.id);
  return { notices };
}

export default function ModerationNotices() {
  const { notices } = useLoaderData<typeof loader>();
  return (
    <section className="stack narrow">
      <h1>Messages from the moderators</h1>
      {notices.length === 0 ? <p className="muted">No messages. Nothing of yours was moderated.</p> : null}
      <ul className="stack" style={{ listStyle: "none", padding: 0 }}>
        {notices.map((notice) => (
          <li key={notice.id} className="card stack-tight">
            <p style={{ margin: 0 }}>{notice.message}</p>
            <p className="muted" style={{ margin: 0 }}>
              <RelativeTime date={notice.created_at} />
              {notice.post_id ? (
                <>
                  {" · "}
                  <a href={`/p/${notice.post_id}`}>The post</a>
                </>
              ) : null}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
