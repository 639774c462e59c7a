import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { FormAlert } from "../components/forms";
import { pendingRequestFor, requestToJoin } from "../domain/organizations/join-requests.server";
import { getOrganizationBySlug, listMembers } from "../domain/organizations/organizations.server";
import { can } from "../domain/policy.server";
import { asHttpError, authorizeRequest, refusal, requireUser, type ActionFailure } from "../utils/http.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.organization.name ?? "Organization"} · Partner Community` },
];

export async function loader({ params, context }: LoaderFunctionArgs) {
  const organization = await getOrganizationBySlug(context.db, params.slug ?? "").catch(asHttpError);
  const [members, pending] = await Promise.all([
    listMembers(context.db, organization.id),
    context.user ? pendingRequestFor(context.db, context.user.id) : null,
  ]);
  return {
    organization,
    members,
    canManage: can(context.user, "organization.manage", { id: organization.id }),
    canRequest: can(context.user, "organization.requestToJoin", { id: organization.id }) && !pending,
    pendingHere: pending?.organization_name === organization.name,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const organization = await getOrganizationBySlug(context.db, params.slug ?? "").catch(asHttpError);
  authorizeRequest(user, "organization.requestToJoin", { id: organization.id });
  const message = String((await request.formData()).get("message") ?? "").slice(0, 500);
  try {
    await context.db.transaction().execute((trx) =>
      requestToJoin(trx, { userId: user.id, organizationId: organization.id, message }),
    );
  } catch (error) {
    return refusal(error);
  }
  return redirect(`/orgs/${organization.slug}`);
}

export default function OrganizationPage() {
  const { organization, members, canManage, canRequest, pendingHere } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>() as ActionFailure | undefined;
  return (
    <article className="stack">
      <header className="stack-tight">
        <h1>{organization.name}</h1>
        <p className="cluster">
          <span className="badge badge-accent">{organization.tier}</span>
          {organization.community_sector ? <span className="badge">Community sector</span> : null}
          <span className="muted">{organization.regions.join(", ")}</span>
        </p>
        {organization.description ? <p>{organization.description}</p> : null}
        {organization.website ? (
          <p>
            <a href={organization.website} rel="nofollow noopener">
              {organization.website}
            </a>
          </p>
        ) : null}
      </header>
      {canManage ? (
        <p>
          <a className="button button-quiet" href={`/orgs/${organization.slug}/manage`}>
            Manage invitations and requests
          </a>
        </p>
      ) : null}
      <FormAlert message={failure?.errors.form} />
      {pendingHere ? (
        <div className="alert alert-info" role="status">
          Your request to join is waiting for the partner admin.
        </div>
      ) : canRequest ? (
        <Form method="post" className="card form">
          <h2>Work here?</h2>
          <div className="field">
            <label htmlFor="join-message">Message to the partner admin (optional)</label>
            <textarea id="join-message" name="message" rows={3} maxLength={500} />
          </div>
          <div>
            <button type="submit">Request to join</button>
          </div>
        </Form>
      ) : null}
      <section className="stack-tight" aria-labelledby="members-heading">
        <h2 id="members-heading">People</h2>
        {members.length === 0 ? (
          <p className="muted">No members yet.</p>
        ) : (
          <ul className="grid">
            {members.map((member) => (
              <li key={member.id} className="card">
                <strong>{member.display_name}</strong>
                <p className="muted">{member.title || "Partner member"}</p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </article>
  );
}

