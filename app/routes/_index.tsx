import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { pendingRequestFor } from "../domain/organizations/join-requests.server";
import { getOrganization } from "../domain/organizations/organizations.server";
import { MyCouncilPanel } from "../components/councils/my-council-panel";
import { myActionItems } from "../domain/councils/actions.server";
import { pendingInvitations } from "../domain/councils/councils.server";

export async function loader({ context }: LoaderFunctionArgs) {
  const { user, db } = context;
  if (!user) return { user: null, organization: null, pending: null, council: null };
  const [organization, pending] = await Promise.all([
    user.organizationId ? getOrganization(db, user.organizationId) : null,
    pendingRequestFor(db, user.id),
  ]);
  return {
    user: { displayName: user.displayName },
    organization: organization ? { name: organization.name, slug: organization.slug } : null,
    pending: pending ? { organizationName: pending.organization_name } : null,
    council: { actionItems: await myActionItems(db, user), invitations: await pendingInvitations(db, user) },
  };
}

export default function Home() {
  const { user, organization, pending, council } = useLoaderData<typeof loader>();
  if (!user) {
    return (
      <div className="stack">
        <section className="hero stack">
          <h1>The community where partners carry each other</h1>
          <p>
            Ask and answer questions, find peers who have done it before, mentor newer partners and sit on the
            advisory council. Every answer that helps is seen and recognized.
          </p>
          <div className="cluster">
            <a className="button" href="/signup">
              Join your organization
            </a>
            <a className="button button-quiet" href="/login">
              Log in
            </a>
          </div>
        </section>
        <section className="grid" aria-label="What you can do here">
          <article className="card stack-tight">
            <h2>Ask and answer</h2>
            <p>Questions from the field, answered by partners who delivered the same project last quarter.</p>
          </article>
          <article className="card stack-tight">
            <h2>Find peers and mentors</h2>
            <p>Search partners by region, specialization and community-sector focus; ask for a mentor.</p>
          </article>
          <article className="card stack-tight">
            <h2>Get recognized</h2>
            <p>Points, badges and levels that update the moment your answer is accepted.</p>
          </article>
        </section>
      </div>
    );
  }
  return (
    <div className="stack">
      <h1>Welcome back, {user.displayName}</h1>
      {organization ? (
        <p>
          You are a member of <a href={`/orgs/${organization.slug}`}>{organization.name}</a>.
        </p>
      ) : pending ? (
        <div className="alert alert-info" role="status">
          Your request to join {pending.organizationName} is waiting for their partner admin. Until it is
          approved you can read and take part, but you will not earn recognition.
        </div>
      ) : (
        <div className="alert alert-info" role="status">
          You are not part of a partner organization yet. <a href="/orgs">Find your organization</a> and ask to
          join, or use the invitation link your partner admin sent you.
        </div>
      )}
      {council ? <MyCouncilPanel council={council} /> : null}
    </div>
  );
}
