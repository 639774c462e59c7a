import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { BadgePill } from "../components/recognition/badge-pill";
import { badgeCatalogue } from "../domain/recognition/badge-catalogue.server";
import { authorizeRequest } from "../utils/http.server";

export const meta: MetaFunction = () => [{ title: "Badges · Partner Community" }];

export async function loader({ context }: LoaderFunctionArgs) {
  authorizeRequest(context.user, "recognition.readLeaderboard", undefined);
  return badgeCatalogue(context.db);
}

const people = (n: number) => `${n} ${n === 1 ? "person holds" : "people hold"} it`;

export default function Badges() {
  const { automatic, manual } = useLoaderData<typeof loader>();
  return (
    <section className="stack">
      <h1>Badges</h1>
      <p className="muted">Badges are earned automatically from what people do in the community; moderators also give badges by hand.</p>
      <ul className="grid">
        {automatic.map((badge) => (
          <li key={badge.id} className="card stack-tight">
            <h2>{badge.name}</h2>
            <p>{badge.description}</p>
            <ul className="badge-list">
              {badge.tiers.map((tier) => (
                <li key={tier.tier}>
                  <BadgePill name={badge.name} tier={badge.tiers.length > 1 ? tier.tier : null} />{" "}
                  <span className="muted">
                    at {tier.threshold} · {people(tier.holders)}
                  </span>
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
      <section className="stack-tight" aria-labelledby="manual-heading">
        <h2 id="manual-heading">Given by moderators</h2>
        {manual.length === 0 ? (
          <p className="muted">No badges have been given by hand yet.</p>
        ) : (
          <ul className="badge-list">
            {manual.map((badge) => (
              <li key={badge.name}>
                <BadgePill name={badge.name} tier={null} /> <span className="muted">{people(badge.holders)}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </section>
  );
}
