import { redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { listOrganizations } from "../domain/organizations/organizations.server";
import { can } from "../domain/policy.server";

export const meta: MetaFunction = () => [{ title: "Partners · Partner Community" }];

export async function loader({ context }: LoaderFunctionArgs) {
  // Signed-in people search partners in the directory (one "Directory" entry in the header);
  // old links to /orgs land on its organizations tab. Visitors keep this public list.
  if (context.user && can(context.user, "directory.view", undefined)) throw redirect("/directory?tab=organizations");
  const organizations = await listOrganizations(context.db);
  return { organizations };
}

const tierLabel = { registered: "Registered", silver: "Silver", gold: "Gold", platinum: "Platinum" } as const;

export default function Organizations() {
  const { organizations } = useLoaderData<typeof loader>();
  return (
    <section className="stack">
      <h1>Partner organizations</h1>
      <ul className="grid">
        {organizations.map((organization) => (
          <li key={organization.id} className="card stack-tight">
            <h2>
              <a href={`/orgs/${organization.slug}`}>{organization.name}</a>
            </h2>
            <p className="cluster">
              <span className="badge badge-accent">{tierLabel[organization.tier]}</span>
              {organization.community_sector ? <span className="badge">Community sector</span> : null}
            </p>
            <p className="muted">
              {organization.regions.join(", ")} · {organization.member_count} member
              {organization.member_count === 1 ? "" : "s"}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
