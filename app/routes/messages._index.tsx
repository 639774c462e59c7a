import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import stylesheet from "../components/directory/directory.css?url";
import { RelativeTime } from "../components/time";
import { listConversations } from "../domain/messages/inbox.server";
import { openReportCount } from "../domain/messages/reports.server";
import { can } from "../domain/policy.server";
import { requireUser } from "../utils/http.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: stylesheet }];
export const meta: MetaFunction = () => [{ title: "Messages · Partner Community" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const reviewsReports = can(user, "messages.reviewReports");
  const [conversations, openReports] = await Promise.all([listConversations(context.db, user), reviewsReports ? openReportCount(context.db) : null]);
  return { conversations, openReports };
}

export default function Messages() {
  const { conversations, openReports } = useLoaderData<typeof loader>();
  return (
    <section className="stack">
      <div className="cluster">
        <h1>Messages</h1>
        <a className="button" href="/messages/new">
          New message
        </a>
      </div>
      {openReports !== null ? (
        <p>
          <a href="/messages/reports">Reported messages ({openReports} open)</a>
        </p>
      ) : null}
      {conversations.length === 0 ? (
        <p className="muted">No conversations yet. Find someone in the <a href="/directory">directory</a> and send them a message.</p>
      ) : (
        <ul className="conversation-list" aria-label="Conversations">
          {conversations.map((conversation) => (
            <li key={conversation.id} className={`card${conversation.unread > 0 ? " conversation-unread" : ""}`}>
              <a href={`/messages/${conversation.id}`}>{conversation.others.join(", ") || "Just you"}</a>{" "}
              {conversation.unread > 0 ? <span className="badge badge-accent">{conversation.unread} unread</span> : null}
              {conversation.muted ? <span className="badge">Muted</span> : null} <span className="muted">· last message </span>
              <RelativeTime date={conversation.last_message_at} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
