import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import stylesheet from "../components/analytics/analytics.css?url";
import { TrendChart } from "../components/analytics/charts";
import { DataTable } from "../components/analytics/data-table";
import { formatters } from "../components/analytics/format";
import { readerLocale } from "../components/analytics/locale.server";
import { MentorImpactTable } from "../components/analytics/mentor-impact-table";
import { organizationDashboard } from "../domain/analytics/dashboard.server";
import { can } from "../domain/policy.server";
import { asHttpError, requireUser } from "../utils/http.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.organization.name ?? "Organization"} · Program analytics · Partner Community` }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: stylesheet }];

/** One organization over two years: admins for any, a partner admin for their own (policy). */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const data = await organizationDashboard(context.db, user, params.slug ?? "").catch(asHttpError);
  return {
    ...data,
    trend: data.trend.map((t) => ({ ...t })),
    members: data.members,
    mentors: data.mentors.map((m) => ({ ...m, startedAt: m.startedAt ? m.startedAt.toISOString().slice(0, 10) : null })),
    isAdmin: can(user, "analytics.viewEcosystem"),
    locale: readerLocale(request),
  };
}

export default function OrganizationAnalytics() {
  const d = useLoaderData<typeof loader>();
  const format = formatters(d.locale);
  const csv = (table: string) => `/analytics/orgs/${d.organization.slug}/export/${table}`;
  return (
    <section className="stack">
      {d.isAdmin ? (
        <p>
          <Link to="/analytics">← Program analytics</Link>
        </p>
      ) : null}
      <h1>{d.organization.name}: engagement and program figures</h1>
      <p>
        {d.organization.tier[0]!.toUpperCase() + d.organization.tier.slice(1)} partner · {d.organization.regions.join(", ")}
        {d.organization.community_sector ? " · community-sector focus" : ""}. The last 24 months; program figures as imported (a quarter spread evenly over its
        months).
      </p>
      <TrendChart
        id="org-trend"
        title={`${d.organization.name}: engagement, revenue and won deals per month`}
        rows={d.trend}
        format={format}
        leftLabel="Points, accepted answers"
        rightLabel="Revenue"
        series={[
          { key: "points", label: "Engagement points", axis: "left" },
          { key: "acceptedAnswers", label: "Accepted answers", axis: "left" },
          { key: "revenue", label: "Revenue", axis: "right" },
        ]}
      />
      <DataTable
        caption="Per month"
        rows={d.trend}
        rowKey={(t) => t.month}
        csvHref={csv("trend")}
        columns={[
          { key: "month", label: "Month", cell: (t) => format.month(t.month) },
          { key: "points", label: "Points", numeric: true, cell: (t) => format.number(t.points) },
          { key: "active", label: "Active members", numeric: true, cell: (t) => format.number(t.activeMembers) },
          { key: "answers", label: "Accepted answers", numeric: true, cell: (t) => format.number(t.acceptedAnswers) },
          { key: "revenue", label: "Revenue", numeric: true, cell: (t) => format.money(t.revenue) },
          { key: "won", label: "Won deals", numeric: true, cell: (t) => format.decimal(t.wonDeals) },
        ]}
      />
      <section className="stack" aria-labelledby="members">
        <h2 id="members">Members’ recognition</h2>
        <DataTable
          caption="Members by points"
          rows={d.members}
          rowKey={(m) => m.handle}
          csvHref={csv("members")}
          empty="No member has earned points yet."
          columns={[
            { key: "name", label: "Member", cell: (m) => <Link to={`/u/${m.handle}/recognition`}>{m.display_name}</Link> },
            { key: "points", label: "Points", numeric: true, cell: (m) => format.number(m.points) },
            { key: "level", label: "Level", cell: (m) => m.level },
          ]}
        />
      </section>
      <section className="stack" aria-labelledby="mentoring">
        <h2 id="mentoring">Mentors and mentees</h2>
        <DataTable
          caption="Mentorships involving this organization"
          rows={d.mentors}
          rowKey={(m) => `${m.mentorHandle}:${m.menteeHandle}:${m.startedAt}`}
          csvHref={csv("mentorships")}
          empty="No mentorships yet."
          columns={[
            { key: "mentor", label: "Mentor", cell: (m) => <Link to={`/u/${m.mentorHandle}`}>{m.mentor}</Link> },
            { key: "mentee", label: "Mentee", cell: (m) => <Link to={`/u/${m.menteeHandle}`}>{m.mentee}</Link> },
            { key: "status", label: "Status", cell: (m) => m.status },
            { key: "started", label: "Started", cell: (m) => m.startedAt ?? "–" },
          ]}
        />
        <MentorImpactTable rows={d.impact} format={format} csvHref={csv("mentors")} />
      </section>
    </section>
  );
}
