import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import stylesheet from "../components/directory/directory.css?url";
import { ActivityList } from "../components/directory/activity-list";
import { recentActivity } from "../domain/directory/activity.server";
import { listFollowed } from "../domain/follow/follows.server";
import { requireUser } from "../utils/http.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: stylesheet }];
export const meta: MetaFunction = () => [{ title: "Following · Partner Community" }];

const FEED_SIZE = 30;

/** Public activity of the people and organizations you follow, through the forum's visibility scope. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const beforeParam = new URL(request.url).searchParams.get("before");
  const before = beforeParam && !Number.isNaN(Date.parse(beforeParam)) ? new Date(beforeParam) : undefined;
  const [activity, followed] = await Promise.all([
    recentActivity(context.db, user, { followerId: user.id }, { limit: FEED_SIZE, before }),
    listFollowed(context.db, user),
  ]);
  const last = activity.at(-1);
  return { activity, followed, olderHref: activity.length === FEED_SIZE && last ? `/following?before=${encodeURIComponent(new Date(last.created_at).toISOString())}` : null };
}

export default function Following() {
  const { activity, followed, olderHref } = useLoaderData<typeof loader>();
  const nobody = followed.people.length === 0 && followed.organizations.length === 0;
  return (
    <section className="stack">
      <h1>Following</h1>
      <div className="directory-layout">
        <aside className="stack-tight" aria-labelledby="followed-heading">
          <h2 id="followed-heading">You follow</h2>
          {nobody ? <p className="muted">Nobody yet. Follow people and partners from their pages or the <a href="/directory">directory</a>.</p> : null}
          <ul className="stack-tight activity-list">
            {followed.people.map((person) => (
              <li key={person.id}>
                <a href={`/u/${person.handle}`}>{person.display_name}</a>
              </li>
            ))}
            {followed.organizations.map((organization) => (
              <li key={organization.id}>
                <a href={`/orgs/${organization.slug}`}>{organization.name}</a>
              </li>
            ))}
          </ul>
        </aside>
        <section className="stack-tight" aria-labelledby="feed-heading">
          <h2 id="feed-heading">Their recent activity</h2>
          <ActivityList items={activity} empty="No activity from them yet." />
          {olderHref ? <a href={olderHref}>Older activity</a> : null}
        </section>
      </div>
    </section>
  );
}
