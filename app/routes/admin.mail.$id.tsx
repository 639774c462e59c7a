import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { AdminNav } from "../components/moderation/admin-nav";
import { getOutboxMessage } from "../domain/mail/outbox.server";
import { authorizeRequest, notFoundResponse, requireUser } from "../utils/http.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.message.subject ?? "Mail"} · Admin · Partner Community` }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  authorizeRequest(user, "admin.access", undefined, { hide: true });
  const id = Number(params.id);
  const message = Number.isSafeInteger(id) ? await getOutboxMessage(context.db, id) : undefined;
  if (!message) throw notFoundResponse("That message does not exist.");
  return { message };
}

/** Both parts as the recipient's mail program would get them; the HTML in a sandbox with no scripts. */
export default function MailMessage() {
  const { message } = useLoaderData<typeof loader>();
  return (
    <section className="stack">
      <h1>{message.subject}</h1>
      <AdminNav />
      <p>
        <a href="/admin/mail">All mail</a>
      </p>
      <dl>
        <dt>To</dt>
        <dd>{message.to_address}</dd>
        <dt>Queued</dt>
        <dd>{new Date(message.created_at).toUTCString()}</dd>
        {Object.entries(message.headers).map(([name, value]) => (
          <div key={name}>
            <dt>{name}</dt>
            <dd>
              <code>{value}</code>
            </dd>
          </div>
        ))}
      </dl>
      <h2>Plain text</h2>
      <pre className="mail-text" data-testid="mail-text" tabIndex={0}>
        {message.text_body}
      </pre>
      <h2>HTML</h2>
      <iframe title="HTML part" sandbox="" srcDoc={message.html_body} style={{ width: "100%", minHeight: "24rem", border: "1px solid #ccc" }} />
    </section>
  );
}
