import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { auditFilterSchema, searchAudit } from "../domain/moderation/audit-log.server";
import { asHttpError, requireUser } from "../utils/http.server";

export const meta: MetaFunction = () => [{ title: "Audit log · Partner Community" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const params = new URL(request.url).searchParams;
  const filter = auditFilterSchema.parse(Object.fromEntries(params));
  const result = await searchAudit(context.db, user, filter).catch(asHttpError);
  return { ...result, filter, query: params.toString() };
}

const show = (value: unknown) => (value === null || value === undefined ? "" : JSON.stringify(value));

export default function AuditLog() {
  const { entries, hasMore, filter, query } = useLoaderData<typeof loader>();
  const pageLink = (page: number) => {
    const params = new URLSearchParams(query);
    params.set("page", String(page));
    return `/mod/audit?${params}`;
  };
  return (
    <section className="stack">
      <div className="spread">
        <h1>Audit log</h1>
        <nav aria-label="Moderation" className="cluster">
          <a href="/mod/queue">Review queue</a>
          <a href={`/mod/audit.csv?${query}`} download>
            Export CSV
          </a>
        </nav>
      </div>
      <Form method="get" role="search" className="filters cluster" aria-label="Filter the audit log">
        <div className="field">
          <label htmlFor="audit-q">Search</label>
          <input id="audit-q" name="q" type="search" defaultValue={filter.q} placeholder="Reason, target id, person" />
        </div>
        <div className="field">
          <label htmlFor="audit-action">Action starts with</label>
          <input id="audit-action" name="action" defaultValue={filter.action} placeholder="post., user.suspended" />
        </div>
        <div className="field">
          <label htmlFor="audit-target">Target type</label>
          <select id="audit-target" name="targetType" defaultValue={filter.targetType}>
            <option value="">Any</option>
            <option value="post">Post</option>
            <option value="thread">Thread</option>
            <option value="user">Person</option>
            <option value="review_item">Review item</option>
            <option value="award">Award</option>
            <option value="category">Category</option>
            <option value="setting">Setting</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-actor">By</label>
          <input id="audit-actor" name="actor" defaultValue={filter.actor} placeholder="Name or handle" />
        </div>
        <div className="field">
          <label htmlFor="audit-from">From</label>
          <input id="audit-from" name="from" type="date" defaultValue={filter.from} />
        </div>
        <div className="field">
          <label htmlFor="audit-to">To</label>
          <input id="audit-to" name="to" type="date" defaultValue={filter.to} />
        </div>
        <button type="submit">Filter</button>
      </Form>
      {entries.length === 0 ? <p className="muted">No entries match.</p> : null}
      <div className="table-wrap">
        <table className="audit-table">
          <caption className="visually-hidden">Moderator and admin actions, newest first</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">Action</th>
              <th scope="col">Target</th>
              <th scope="col">Reason</th>
              <th scope="col">Before → after</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <tr key={entry.id}>
                <td>
                  <time dateTime={new Date(entry.at).toISOString()}>{new Date(entry.at).toISOString().slice(0, 16).replace("T", " ")}</time>
                </td>
                <td>{entry.actorName}</td>
                <td>{entry.action}</td>
                <td>
                  {entry.targetType === "post" ? <a href={`/p/${entry.targetId}`}>post {entry.targetId}</a> : `${entry.targetType} ${entry.targetId}`}
                </td>
                <td>{entry.redacted ? <span className="muted">Council content</span> : entry.reason}</td>
                <td>
                  {entry.redacted ? null : (
                    <code>
                      {show(entry.before)} → {show(entry.after)}
                    </code>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <nav aria-label="Audit pages" className="cluster">
        {filter.page > 1 ? <a href={pageLink(filter.page - 1)}>Newer</a> : null}
        {hasMore ? <a href={pageLink(filter.page + 1)}>Older</a> : null}
      </nav>
    </section>
  );
}
