import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Avatar } from "../components/avatar";
import { BadgePill } from "../components/recognition/badge-pill";
import { ProfileTabs } from "../components/recognition/profile-tabs";
import { RelativeTime } from "../components/time";
import { ledgerPage, recognitionSummary } from "../domain/recognition/explain.server";
import { avatarIdColumn } from "../domain/uploads/avatars.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Recognition · ${data?.person.display_name ?? "Person"} · Partner Community` },
];

const pageSchema = z.coerce.number().int().min(1).max(10_000).catch(1);

/** Total, level, badges and every point explained; what the viewer may not read stays unnamed (explain.server.ts). */
export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const person = await context.db
    .selectFrom("users")
    .select(["id", "display_name", "handle", avatarIdColumn("users.id").as("avatar_id")])
    .where((eb) => eb(eb.fn("lower", ["users.handle"]), "=", (params.handle ?? "").toLowerCase()))
    .executeTakeFirst();
  if (!person) throw new Response("That person does not exist.", { status: 404 });
  const page = pageSchema.parse(new URL(request.url).searchParams.get("page") ?? undefined);
  const [summary, ledger] = await Promise.all([
    recognitionSummary(context.db, person.id),
    ledgerPage(context.db, context.user, person.id, page),
  ]);
  return { person, summary, ledger, page };
}

const signed = (points: number) => (points > 0 ? `+${points}` : points < 0 ? `\u2212${Math.abs(points)}` : "0");

export default function ProfileRecognition() {
  const { person, summary, ledger, page } = useLoaderData<typeof loader>();
  const { level, next, requirements } = summary.progress;
  return (
    <article className="stack">
      <header className="cluster">
        <Avatar user={{ displayName: person.display_name, avatarId: person.avatar_id }} size="large" />
        <div className="stack-tight">
          <h1>{person.display_name}</h1>
          <p className="muted">@{person.handle}</p>
        </div>
      </header>
      <ProfileTabs handle={person.handle} current="recognition" />

      <section className="card stack-tight" aria-labelledby="standing-heading">
        <h2 id="standing-heading">Standing</h2>
        <p>
          <span className="recognition-total">{summary.points} points</span> · <strong>{level.name}</strong>
        </p>
        {next ? (
          <>
            <p>
              Next level: <strong>{next.name}</strong>. Points alone do not get there; it needs all of these:
            </p>
            <ul className="requirement-list">
              {requirements.map((requirement) => {
                const id = `requirement-${requirement.label.replaceAll(" ", "-").toLowerCase()}`;
                return (
                  <li key={requirement.label} className="requirement">
                    <span id={id}>
                      {requirement.label}: {Math.min(requirement.have, requirement.need)} of {requirement.need}
                      {requirement.have >= requirement.need ? " (done)" : ""}
                    </span>
                    <br />
                    <progress aria-labelledby={id} max={requirement.need} value={Math.min(requirement.have, requirement.need)} />
                  </li>
                );
              })}
            </ul>
            {next.minAcceptedAnswers > 0 && next.minMentorships > 0 ? (
              <p className="muted">Accepted answers or completed mentorships: either one is enough.</p>
            ) : null}
          </>
        ) : (
          <p>The highest level there is.</p>
        )}
      </section>

      <section className="stack-tight" aria-labelledby="badges-heading">
        <h2 id="badges-heading">Badges</h2>
        {summary.badges.length === 0 ? (
          <p className="muted">
            No badges yet. <a href="/badges">How badges are earned</a>
          </p>
        ) : (
          <ul className="badge-list">
            {summary.badges.map((badge) => (
              <li key={`${badge.badge}-${badge.tier ?? ""}`}>
                <BadgePill name={badge.name} tier={badge.tier} /> <RelativeTime date={badge.grantedAt} />
                <span className="muted"> · {badge.reason || badge.description}</span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="stack-tight" aria-labelledby="ledger-heading">
        <h2 id="ledger-heading">Points, one by one</h2>
        {ledger.lines.length === 0 ? (
          <p className="muted">No points yet.</p>
        ) : (
          <ul className="ledger">
            {ledger.lines.map((line) => (
              <li key={line.id} className="ledger-line">
                <span className={`ledger-points${line.points < 0 ? " is-negative" : ""}`}>{signed(line.points)}</span>
                <span className="ledger-what">
                  {line.label}
                  {line.link ? (
                    <>
                      {" in "}
                      <a href={line.link.href}>{line.link.title}</a>
                    </>
                  ) : null}
                  {line.note ? <span className="muted"> · {line.note}</span> : null}
                </span>
                <RelativeTime date={line.occurredAt} />
              </li>
            ))}
          </ul>
        )}
        {page > 1 || ledger.hasMore ? (
          <nav aria-label="Ledger pages" className="cluster">
            {page > 1 ? <a href={`/u/${person.handle}/recognition?page=${page - 1}`}>Newer</a> : null}
            {ledger.hasMore ? <a href={`/u/${person.handle}/recognition?page=${page + 1}`}>Older</a> : null}
          </nav>
        ) : null}
      </section>
    </article>
  );
}
