import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { Avatar } from "../components/avatar";
import { levelById } from "../domain/recognition/levels";
import {
  leaderboardFiltersFrom,
  leaderboardRegions,
  organizationLeaderboard,
  peopleLeaderboard,
  type LeaderboardFilters,
} from "../domain/recognition/leaderboard.server";
import { authorizeRequest } from "../utils/http.server";
import { LEADERBOARD_ROOM } from "../realtime/events";
import { useLiveRevalidate } from "../realtime/useLiveRevalidate";

export const meta: MetaFunction = () => [{ title: "Leaderboard · Partner Community" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  authorizeRequest(context.user, "recognition.readLeaderboard", undefined);
  const filters = leaderboardFiltersFrom(new URL(request.url).searchParams);
  if (filters.board === "organizations") {
    const [regions, board] = await Promise.all([leaderboardRegions(context.db), organizationLeaderboard(context.db, filters)]);
    return { filters, regions, people: null, organizations: board };
  }
  const [regions, board] = await Promise.all([leaderboardRegions(context.db), peopleLeaderboard(context.db, context.user, filters)]);
  return { filters, regions, people: board, organizations: null };
}

const periodLabels = { week: "This week", month: "This month", year: "This year", all: "All time" } as const;

/** The same filters with some changed, as a query string (tabs and pages keep the rest). */
function hrefWith(filters: LeaderboardFilters, changes: Partial<LeaderboardFilters>) {
  const next = { ...filters, page: 1, ...changes };
  const params = new URLSearchParams({ board: next.board, period: next.period });
  if (next.region) params.set("region", next.region);
  if (next.sector !== "any") params.set("sector", next.sector);
  if (next.staff !== "exclude") params.set("staff", next.staff);
  if (next.page > 1) params.set("page", String(next.page));
  return `/leaderboard?${params}`;
}

export default function Leaderboard() {
  const { filters, regions, people, organizations } = useLoaderData<typeof loader>();
  useLiveRevalidate("leaderboard:changed", { room: LEADERBOARD_ROOM, intervalMs: 1000 });
  const hasMore = people?.hasMore ?? organizations?.hasMore ?? false;
  return (
    <section className="stack leaderboard">
      <div className="spread">
        <h1>Leaderboard</h1>
        <a href="/badges">How badges are earned</a>
      </div>
      <nav aria-label="Leaderboards">
        <ul className="tabs">
          <li>
            <a href={hrefWith(filters, { board: "people" })} aria-current={filters.board === "people" ? "page" : undefined}>
              People
            </a>
          </li>
          <li>
            <a href={hrefWith(filters, { board: "organizations" })} aria-current={filters.board === "organizations" ? "page" : undefined}>
              Organizations
            </a>
          </li>
        </ul>
      </nav>
      <Form method="get" className="leaderboard-filters cluster" aria-label="Filter the leaderboard">
        <input type="hidden" name="board" value={filters.board} />
        <div className="field">
          <label htmlFor="leaderboard-period">Period</label>
          <select id="leaderboard-period" name="period" defaultValue={filters.period}>
            {Object.entries(periodLabels).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="leaderboard-region">Region</label>
          <select id="leaderboard-region" name="region" defaultValue={filters.region ?? ""}>
            <option value="">All regions</option>
            {regions.map((region) => (
              <option key={region} value={region}>
                {region}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="leaderboard-sector">Focus</label>
          <select id="leaderboard-sector" name="sector" defaultValue={filters.sector}>
            <option value="any">All partners</option>
            <option value="community">Community-sector partners</option>
          </select>
        </div>
        {filters.board === "people" ? (
          <div className="field field-checkbox">
            <input id="leaderboard-staff" type="checkbox" name="staff" value="include" defaultChecked={filters.staff === "include"} />
            <label htmlFor="leaderboard-staff">Include vendor staff</label>
          </div>
        ) : null}
        <button type="submit">Show</button>
      </Form>

      {people?.you ? (
        <p className="leaderboard-you" role="note">
          Your position: <strong>#{people.you.rank}</strong> with {people.you.points} points {periodLabels[filters.period].toLowerCase()}.
        </p>
      ) : null}

      {people ? (
        people.standings.length === 0 ? (
          <p className="muted">No points yet for this period and these filters.</p>
        ) : (
          <ol className="leaderboard-list" start={people.standings[0]!.rank} aria-label={`People, ${periodLabels[filters.period].toLowerCase()}`}>
            {people.standings.map((standing) => (
              <li key={standing.userId} className="leaderboard-row">
                <span className="leaderboard-rank" aria-hidden="true">
                  {standing.rank}
                </span>
                <Avatar user={{ displayName: standing.displayName, avatarId: standing.avatarId }} />
                <span className="leaderboard-who">
                  <a href={`/u/${standing.handle}/recognition`}>{standing.displayName}</a>
                  <span className="muted">
                    {" "}
                    {levelById(standing.level).name}
                    {standing.organizationName ? ` · ${standing.organizationName}` : ""}
                  </span>
                </span>
                <span className="leaderboard-points">{standing.points} points</span>
              </li>
            ))}
          </ol>
        )
      ) : null}

      {organizations ? (
        organizations.standings.length === 0 ? (
          <p className="muted">No points yet for this period and these filters.</p>
        ) : (
          <ol className="leaderboard-list" start={organizations.standings[0]!.rank} aria-label={`Organizations, ${periodLabels[filters.period].toLowerCase()}`}>
            {organizations.standings.map((standing) => (
              <li key={standing.organizationId} className="leaderboard-row">
                <span className="leaderboard-rank" aria-hidden="true">
                  {standing.rank}
                </span>
                <span className="leaderboard-who">
                  <a href={`/orgs/${standing.slug}`}>{standing.name}</a>
                </span>
                <span className="leaderboard-points">{standing.points} points</span>
              </li>
            ))}
          </ol>
        )
      ) : null}

      {filters.page > 1 || hasMore ? (
        <nav aria-label="Pages" className="cluster">
          {filters.page > 1 ? <a href={hrefWith(filters, { page: filters.page - 1 })}>Previous 50</a> : null}
          {hasMore ? <a href={hrefWith(filters, { page: filters.page + 1 })}>Next 50</a> : null}
        </nav>
      ) : null}
    </section>
  );
}
