import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { RelativeTime } from "../components/time";
import { listOpenReports } from "../domain/messages/reports.server";
import { asHttpError, requireUser } from "../utils/http.server";

export const meta: MetaFunction = () => [{ title: "Reported messages · Partner Community" }];

/** Moderators and admins read reported messages here (and only those) until the moderation queue takes them. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  return { reports: await listOpenReports(context.db, user).catch(asHttpError) };
}

export default function MessageReports() {
  const { reports } = useLoaderData<typeof loader>();
  return (
    <section className="stack">
      <h1>Reported messages</h1>
      {reports.length === 0 ? (
        <p className="muted">No open reports.</p>
      ) : (
        <ul className="stack">
          {reports.map((report) => (
            <li key={report.id} className="card stack-tight">
              <p className="muted">
                {report.reporter_name} reported a message from <a href={`/u/${report.author_handle}`}>{report.author_name}</a> · <RelativeTime date={report.created_at} />
              </p>
              {report.reason ? <p>Reason: {report.reason}</p> : null}
              <div className="prose" dangerouslySetInnerHTML={{ __html: report.body_html }} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
