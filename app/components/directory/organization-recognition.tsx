import type { OrganizationRecognition } from "../../domain/directory/organization-recognition.server";

/** The organization's points and its people's badges: totals only, never what earned them. */
export function OrganizationRecognitionSection({ recognition }: { recognition: OrganizationRecognition }) {
  const { points, badges } = recognition;
  return (
    <section className="stack-tight" aria-labelledby="recognition-heading">
      <h2 id="recognition-heading">Recognition</h2>
      <dl className="org-facts">
        <dt>Points, all time</dt>
        <dd>{points.allTime.toLocaleString("en")}</dd>
        <dt>Points this month</dt>
        <dd>{points.thisMonth.toLocaleString("en")}</dd>
      </dl>
      <p className="muted">
        Earned by its members while they work here. See the <a href="/leaderboard?board=organizations&period=month">organizations leaderboard</a>.
      </p>
      {badges.length === 0 ? (
        <p className="muted">Its people have not earned badges yet.</p>
      ) : (
        <ul className="cluster" aria-label="Badges held by its people">
          {badges.map((badge) => (
            <li key={badge.badge} className="badge" title={badge.description}>
              {badge.name} <span className="muted">× {badge.holders}</span>
              <span className="visually-hidden">{badge.holders === 1 ? " person holds it" : " people hold it"}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
