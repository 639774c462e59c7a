import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { AdminNav } from "../components/moderation/admin-nav";
import { RelativeTime } from "../components/time";
import { listOutbox } from "../domain/mail/outbox.server";
import { authorizeRequest, requireUser } from "../utils/http.server";

export const meta: MetaFunction = () => [{ title: "Mail · Admin · Partner Community" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  authorizeRequest(user, "admin.access", undefined, { hide: true });
  const url = new URL(request.url);
  const to = (url.searchParams.get("to") ?? "").slice(0, 254);
  const page = Number(url.searchParams.get("page")) || 1;
  return { to, ...(await listOutbox(context.db, { to, page })) };
}

export default function MailOutbox() {
  const { to, messages, page, hasMore } = useLoaderData<typeof loader>();
  return (
    <section className="stack">
      <h1>Mail</h1>
      <AdminNav />
      <p className="muted">
        With no <code>SMTP_URL</code> configured, mail is kept here instead of being sent. Set <code>SMTP_URL</code> to send it
        through a mail server; nothing is stored here then.
      </p>
      <Form method="get" className="cluster">
        <label htmlFor="mail-to">Recipient</label>
        <input id="mail-to" name="to" type="search" defaultValue={to} />
        <button type="submit">Filter</button>
      </Form>
      {messages.length === 0 ? <p>No mail{to ? ` to addresses containing “${to}”` : ""}.</p> : null}
      <table>
        <caption className="visually-hidden">Mail, newest first</caption>
        <thead>
          <tr>
            <th scope="col">To</th>
            <th scope="col">Subject</th>
            <th scope="col">When</th>
          </tr>
        </thead>
        <tbody>
          {messages.map((message) => (
            <tr key={message.id}>
              <td>{message.to_address}</td>
              <td>
                <a href={`/admin/mail/${message.id}`}>{message.subject}</a>
              </td>
              <td>
                <RelativeTime date={message.created_at} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <nav aria-label="Pages" className="cluster">
        {page > 1 ? <a href={`?to=${encodeURIComponent(to)}&page=${page - 1}`}>Newer</a> : null}
        {hasMore ? <a href={`?to=${encodeURIComponent(to)}&page=${page + 1}`}>Older</a> : null}
      </nav>
    </section>
  );
}
