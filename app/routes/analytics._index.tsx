import { redirect, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { AnalyticsNav } from "../components/analytics/analytics-nav";
import stylesheet from "../components/analytics/analytics.css?url";
import { EngagementScatter, TrendChart } from "../components/analytics/charts";
import { DataTable } from "../components/analytics/data-table";
import { MentorImpactTable } from "../components/analytics/mentor-impact-table";
import { formatters } from "../components/analytics/format";
import { readerLocale } from "../components/analytics/locale.server";
import { SelectField } from "../components/forms";
import { ecosystemPage } from "../domain/analytics/dashboard.server";
import { measureLabels, parseFilter } from "../domain/analytics/filters";
import { can } from "../domain/policy.server";
import { asHttpError, requireUser } from "../utils/http.server";

export const meta: MetaFunction = () => [{ title: "Program analytics · Partner Community" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: stylesheet }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  if (!can(user, "analytics.viewEcosystem")) {
    // A partner admin's analytics are their own organization's; members have none.
    if (user.organizationId !== null && can(user, "analytics.viewOrganization", { id: user.organizationId })) {
      const org = await context.db.selectFrom("organizations").select("slug").where("id", "=", user.organizationId).executeTakeFirstOrThrow();
      throw redirect(`/analytics/orgs/${org.slug}`);
    }
    throw new Response("That page does not exist.", { status: 404 });
  }
  const url = new URL(request.url);
  const filter = parseFilter(url.searchParams);
  const data = await ecosystemPage(context.db, user, filter).catch(asHttpError);
  return {
    ...data,
    query: url.searchParams.toString(),
    locale: readerLocale(request),
  };
}

export default function AnalyticsDashboard() {
  const d = useLoaderData<typeof loader>();
  const format = formatters(d.locale);
  const measure = measureLabels[d.filter.measure];
  const csv = (table: string) => `/analytics/export/${table}${d.query ? `?${d.query}` : ""}`;
  const periodLabel = d.options.periods.find((p) => p.value === d.filter.period)?.label ?? d.filter.period;
  return (
    <section className="stack">
      <h1>Program analytics</h1>
      <AnalyticsNav />
      <Form method="get" className="analytics-filters card" aria-label="Dashboard filters">
        <SelectField label="Period" name="period" defaultValue={d.filter.period}>
          {d.options.periods.map((p) => (
            <option key={p.value} value={p.value}>
              {p.label}
            </option>
          ))}
        </SelectField>
        <SelectField label="Region" name="region" defaultValue={d.filter.region}>
          <option value="">All regions</option>
          {d.options.regions.map((r) => (
            <option key={r}>{r}</option>
          ))}
        </SelectField>
        <SelectField label="Tier" name="tier" defaultValue={d.filter.tier}>
          <option value="">All tiers</option>
          {["platinum", "gold", "silver", "registered"].map((t) => (
            <option key={t} value={t}>
              {t[0]!.toUpperCase() + t.slice(1)}
            </option>
          ))}
        </SelectField>
        <SelectField label="Community-sector focus" name="sector" defaultValue={d.filter.sector}>
          <option value="">All partners</option>
          <option value="yes">Community-sector partners</option>
          <option value="no">Other partners</option>
        </SelectField>
        <SelectField label="Compare engagement with" name="measure" defaultValue={d.filter.measure}>
          {Object.entries(measureLabels).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </SelectField>
        <button type="submit">Show</button>
      </Form>

      <section className="stack" aria-labelledby="by-organization">
        <h2 id="by-organization">Engagement and program figures, {periodLabel}</h2>
        <EngagementScatter id="scatter" title={`Engagement points against ${measure.toLowerCase()}, ${periodLabel}`} measureLabel={measure} points={d.scatter} format={format} />
        {d.organizationCount > d.organizations.length ? (
          <p>
            Showing the {format.number(d.organizations.length)} most engaged of {format.number(d.organizationCount)} organizations; the CSV has all of them.
          </p>
        ) : null}
        <DataTable
          caption={`Organizations, ${periodLabel}`}
          rows={d.organizations}
          rowKey={(o) => o.id}
          csvHref={csv("organizations")}
          empty="No engagement or program figures in this period. Import program figures or choose another period."
          columns={[
            { key: "name", label: "Organization", cell: (o) => <Link to={`/analytics/orgs/${o.slug}`}>{o.name}</Link> },
            { key: "tier", label: "Tier", cell: (o) => o.tier },
            { key: "sector", label: "Community sector", cell: (o) => (o.communitySector ? "Yes" : "No") },
            { key: "points", label: "Points", numeric: true, cell: (o) => format.number(o.points) },
            { key: "active", label: "Active members (monthly average)", numeric: true, cell: (o) => format.decimal(o.activeMembers) },
            { key: "answers", label: "Accepted answers", numeric: true, cell: (o) => format.number(o.acceptedAnswers) },
            { key: "sessions", label: "Mentoring sessions", numeric: true, cell: (o) => format.number(o.mentoringSessions) },
            { key: "council", label: "Council contributions", numeric: true, cell: (o) => format.number(o.councilContributions) },
            { key: "revenue", label: "Revenue", numeric: true, cell: (o) => format.money(o.revenue) },
            { key: "registered", label: "Registered deals", numeric: true, cell: (o) => format.number(o.registeredDeals) },
            { key: "won", label: "Won deals", numeric: true, cell: (o) => format.number(o.wonDeals) },
            { key: "certs", label: "Certifications", numeric: true, cell: (o) => format.number(o.certifications) },
          ]}
        />
      </section>

      <section className="stack" aria-labelledby="contributors">
        <h2 id="contributors">Top ecosystem contributors</h2>
        <p>Organizations whose members’ accepted answers helped the most other organizations.</p>
        <DataTable
          caption={`Top ecosystem contributors, ${periodLabel}`}
          rows={d.contributors}
          rowKey={(c) => c.id}
          csvHref={csv("contributors")}
          empty="No accepted answers crossed organizations in this period."
          columns={[
            { key: "name", label: "Organization", cell: (c) => <Link to={`/analytics/orgs/${c.slug}`}>{c.name}</Link> },
            { key: "helped", label: "Organizations helped", numeric: true, cell: (c) => format.number(c.helpedOrganizations) },
            { key: "answers", label: "Accepted answers for others", numeric: true, cell: (c) => format.number(c.answers) },
          ]}
        />
      </section>

      <section className="stack" aria-labelledby="trend">
        <h2 id="trend">Trends per month</h2>
        <TrendChart
          id="trend-chart"
          title="Engagement points and revenue per month"
          rows={d.trend}
          format={format}
          leftLabel="Points"
          rightLabel="Revenue"
          series={[
            { key: "points", label: "Engagement points", axis: "left" },
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
      </section>

      <section className="stack" aria-labelledby="segments">
        <h2 id="segments">Community-sector segment and the rest</h2>
        <DataTable
          caption={`Segments, ${periodLabel}`}
          rows={d.segments}
          rowKey={(s) => s.segment}
          csvHref={csv("segments")}
          columns={[
            { key: "segment", label: "Segment", cell: (s) => s.segment },
            { key: "orgs", label: "Organizations", numeric: true, cell: (s) => format.number(s.organizations) },
            { key: "points", label: "Points per organization", numeric: true, cell: (s) => format.number(s.pointsPerOrganization) },
            { key: "answers", label: "Accepted answers", numeric: true, cell: (s) => format.number(s.acceptedAnswers) },
            { key: "sessions", label: "Mentoring sessions", numeric: true, cell: (s) => format.number(s.mentoringSessions) },
            { key: "revenue", label: "Revenue per organization", numeric: true, cell: (s) => format.money(s.revenuePerOrganization) },
            { key: "won", label: "Won deals per organization", numeric: true, cell: (s) => format.decimal(s.wonDealsPerOrganization) },
          ]}
        />
      </section>

      <section className="stack" aria-labelledby="mentor-impact">
        <h2 id="mentor-impact">Mentor impact</h2>
        <p>Mentees’ points in the 90 days before their mentorship began and the 90 days after, and their organizations’ won deals in the six months before and after.</p>
        <MentorImpactTable rows={d.mentors} format={format} csvHref={csv("mentors")} />
      </section>
    </section>
  );
}
