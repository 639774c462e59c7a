import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { isMailKind, mailKindLabels } from "../domain/mail/kinds";
import { readUnsubscribeToken } from "../domain/mail/unsubscribe.server";

export const meta: MetaFunction = () => [{ title: "Unsubscribe · Partner Community" }];

/**
 * The page behind every mail's unsubscribe link. The button posts to the same address, which the
 * server answers before Remix (server/mail.ts) so that mail providers' one-click POSTs work too.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const token = url.searchParams.get("token") ?? "";
  const subject = await readUnsubscribeToken(context.db, token);
  if (!subject) return data({ token, what: null, done: false }, { status: 400 });
  const what = subject.scope === "digest" ? "digest mail" : isMailKind(subject.scope) ? `mail about ${mailKindLabels[subject.scope].label.toLowerCase()}` : "this mail";
  return { token, what, done: url.searchParams.get("done") === "1" };
}

export default function Unsubscribe() {
  const { token, what, done } = useLoaderData<typeof loader>();
  if (!what) {
    return (
      <section className="stack narrow">
        <h1>Unsubscribe</h1>
        <div className="alert alert-error stack-tight" role="alert">
          <p>This unsubscribe link is not valid. It may be incomplete: mail programs sometimes cut long links.</p>
          <p>
            <a href="/settings/email-notifications">Choose what mail you get in your settings</a>
          </p>
        </div>
      </section>
    );
  }
  return (
    <section className="stack narrow">
      <h1>Unsubscribe</h1>
      {done ? (
        <div className="alert alert-success" role="status">
          Done: you will get no more {what}. <a href="/settings/email-notifications">Change your email settings</a> any time.
        </div>
      ) : (
        <form method="post" action={`/unsubscribe?token=${encodeURIComponent(token)}`} className="stack-tight">
          <p>Stop {what}?</p>
          <div>
            <button type="submit">Unsubscribe</button>
          </div>
        </form>
      )}
    </section>
  );
}
