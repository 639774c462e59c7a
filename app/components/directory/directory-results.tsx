import type { OrganizationHit, PersonHit } from "../../domain/directory/search.server";
import { levelById } from "../../domain/recognition/levels";
import { Avatar } from "../avatar";
import { OrganizationMark, tierLabel } from "./organization-mark";

export function PeopleResults({ hits }: { hits: PersonHit[] }) {
  return (
    <ul className="directory-results" aria-label="People">
      {hits.map((person) => (
        <li key={person.id} className="card directory-card">
          <Avatar user={{ displayName: person.display_name }} />
          <div className="stack-tight">
            <h3>
              <a href={`/u/${person.handle}`}>{person.display_name}</a>
            </h3>
            <p className="muted">
              {person.title || "Partner member"}
              {person.organization_name ? (
                <>
                  {" · "}
                  <a href={`/orgs/${person.organization_slug}`}>{person.organization_name}</a>
                </>
              ) : null}
              {person.region ? ` · ${person.region}` : ""}
            </p>
            <p className="muted">Level: {levelById(person.level).name}</p>
            {person.expertise.length ? (
              <ul className="tag-list" aria-label="Expertise">
                {person.expertise.slice(0, 5).map((tag) => (
                  <li key={tag} className="badge">
                    {tag}
                  </li>
                ))}
              </ul>
            ) : null}
            <p className="muted">
              {person.languages.length ? `Speaks ${person.languages.join(", ")}` : ""}
              {person.available_as_mentor ? " · Available as mentor" : ""}
            </p>
          </div>
        </li>
      ))}
    </ul>
  );
}

export function OrganizationResults({ hits }: { hits: OrganizationHit[] }) {
  return (
    <ul className="directory-results" aria-label="Organizations">
      {hits.map((organization) => (
        <li key={organization.id} className="card directory-card">
          <OrganizationMark name={organization.name} />
          <div className="stack-tight">
            <h3>
              <a href={`/orgs/${organization.slug}`}>{organization.name}</a>
            </h3>
            <p className="cluster">
              <span className="badge badge-accent">{tierLabel(organization.tier)}</span>
              {organization.community_sector ? <span className="badge">Community sector</span> : null}
              {organization.offers_mentors ? <span className="badge">Offers mentors</span> : null}
              <span className="muted">
                {organization.regions.join(", ")} · {organization.member_count} {organization.member_count === 1 ? "person" : "people"}
              </span>
            </p>
            {organization.specializations.length ? <p className="muted">{organization.specializations.join(" · ")}</p> : null}
            {organization.segments.length ? <p className="muted">Serves {organization.segments.join(", ")}</p> : null}
          </div>
        </li>
      ))}
    </ul>
  );
}
