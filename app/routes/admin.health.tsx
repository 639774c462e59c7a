import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { AdminNav } from "../components/moderation/admin-nav";
import { healthReport } from "../domain/moderation/health.server";
import { authorizeRequest, requireUser } from "../utils/http.server";

export const meta: MetaFunction = () => [{ title: "Health · Admin · Partner Community" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  authorizeRequest(user, "admin.access", undefined, { hide: true });
  return healthReport(context.db, context.realtime.connectedCount());
}

export default function Health() {
  const report = useLoaderData<typeof loader>();
  const figures: [string, string][] = [
    ["Version", report.version],
    ["Database", report.database.ok ? `OK, ${report.database.ms} ms${report.database.server ? ` (PostgreSQL ${report.database.server})` : ""}` : "Not answering"],
    ["Outbox backlog", report.outbox ? `${report.outbox.backlog} events` : "unknown"],
    ["Dispatcher lag", report.outbox ? `${(report.outbox.lagMs / 1000).toFixed(1)} s` : "unknown"],
    ["Dead letters", report.outbox ? String(report.outbox.deadLetters) : "unknown"],
    ["Connected sockets (this process)", String(report.sockets)],
    ["Uptime", `${Math.floor(report.uptimeSeconds / 3600)} h ${Math.floor((report.uptimeSeconds % 3600) / 60)} min`],
  ];
  return (
    <section className="stack">
      <h1>Health</h1>
      <AdminNav />
      <dl className="health-grid">
        {figures.map(([label, value]) => (
          <div key={label} className="card">
            <dt>{label}</dt>
            <dd>
              <p>{value}</p>
            </dd>
          </div>
        ))}
      </dl>
      <p className="muted">
        The same figures as JSON: <a href="/healthz">/healthz</a>.
      </p>
    </section>
  );
}
