import { redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { FormAlert } from "../components/forms";
import directoryStylesheet from "../components/directory/directory.css?url";
import { ActivityList } from "../components/directory/activity-list";
import { FollowButton } from "../components/directory/follow-button";
import { OrganizationMark } from "../components/directory/organization-mark";
import { OrganizationRecognitionSection } from "../components/directory/organization-recognition";
import { recentActivity } from "../domain/directory/activity.server";
import { mentorsOffered } from "../domain/directory/mentors.server";
import { organizationRecognition } from "../domain/directory/organization-recognition.server";
import { followerCount, isFollowing } from "../domain/follow/follows.server";
import { pendingRequestFor, requestToJoin } from "../domain/organizations/join-requests.server";
import { getOrganizationBySlug, listMembers } from "../domain/organizations/organizations.server";
import { can } from "../domain/policy.server";
import { asHttpError, authorizeRequest, refusal, requireUser, type ActionFailure } from "../utils/http.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: directoryStylesheet }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.organization.name ?? "Organization"} · Partner Community` },
];

export async function loader({ params, context }: LoaderFunctionArgs) {
  const organization = await getOrganizationBySlug(context.db, params.slug ?? "").catch(asHttpError);
  const target = { kind: "organization", id: organization.id } as const;
  const [members, pending, activity, mentors, following, followers, recognition] = await Promise.all([
    listMembers(context.db, organization.id),
    context.user ? pendingRequestFor(context.db, context.user.id) : null,
    recentActivity(context.db, context.user, { organizationId: organization.id }),
    mentorsOffered(context.db, organization.id),
    isFollowing(context.db, context.user, target),
    followerCount(context.db, target),
    organizationRecognition(context.db, context.user, organization.id),
  ]);
  return {
    organization,
    members,
    activity,
    mentors,
    following,
    followers,
    recognition,
    signedIn: context.user !== null,
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
  const { organization, members, canManage, canRequest, pendingHere, activity, mentors, following, followers, signedIn, recognition } =
    useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>() as ActionFailure | undefined;
  return (
    <article className="stack">
      <header className="stack-tight">
        <div className="cluster">
          <OrganizationMark name={organization.name} size="large" />
          <h1>{organization.name}</h1>
          {signedIn ? (
            <FollowButton kind="organization" id={organization.id} name={organization.name} following={following} redirectTo={`/orgs/${organization.slug}`} />
          ) : null}
          <span className="muted">
            {followers} follower{followers === 1 ? "" : "s"}
          </span>
        </div>
        <p className="cluster">
          <span className="badge badge-accent">{organization.tier}</span>
          {organization.community_sector ? <span className="badge">Community sector</span> : null}
          <span className="muted">{organization.regions.join(", ")}</span>
        </p>
        {organization.description ? <p>{organization.description}</p> : null}
        <dl className="org-facts">
          {organization.countries.length ? (
            <>
              <dt>Countries</dt>
              <dd>{organization.countries.join(", ")}</dd>
            </>
          ) : null}
          {organization.specializations.length ? (
            <>
              <dt>Specializations</dt>
              <dd>{organization.specializations.join(", ")}</dd>
            </>
          ) : null}
          {organization.certifications.length ? (
            <>
              <dt>Certifications</dt>
              <dd>{organization.certifications.join(", ")}</dd>
            </>
          ) : null}
          {organization.community_sector && organization.segments.length ? (
            <>
              <dt>Community-sector segments served</dt>
              <dd>{organization.segments.join(", ")}</dd>
            </>
          ) : null}
        </dl>
        {organization.website ? (
          <p>
            <a href={organization.website} rel="nofollow noopener">
              {organization.website}
            </a>
          </p>
        ) : null}
      </header>
      {canManage ? (
        <p className="cluster">
          <a className="button button-quiet" href={`/orgs/${organization.slug}/manage`}>
            Manage invitations and requests
          </a>
          <a className="button button-quiet" href={`/orgs/${organization.slug}/edit`}>
            Edit profile
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
                <strong>
                  <a href={`/u/${member.handle}`}>{member.display_name}</a>
                </strong>
                <p className="muted">{member.title || "Partner member"}</p>
              </li>
            ))}
          </ul>
        )}
      </section>
      {mentors.length > 0 ? (
        <section className="stack-tight" aria-labelledby="mentors-heading">
          <h2 id="mentors-heading">Mentors from {organization.name}</h2>
          <ul className="cluster">
            {mentors.map((mentor) => (
              <li key={mentor.id}>
                <a href={`/u/${mentor.handle}`}>{mentor.display_name}</a>
                {mentor.title ? <span className="muted"> · {mentor.title}</span> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {recognition ? <OrganizationRecognitionSection recognition={recognition} /> : null}
      <section className="stack-tight" aria-labelledby="activity-heading">
        <h2 id="activity-heading">Recent activity</h2>
        <ActivityList items={activity} empty="No public activity yet." />
      </section>
    </article>
  );
}

