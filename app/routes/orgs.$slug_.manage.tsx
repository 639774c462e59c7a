import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { FormAlert, TextField } from "../components/forms";
import { createInvitation, listOpenInvitations, revokeInvitation } from "../domain/organizations/invitations.server";
import { decideJoinRequest, listPendingRequests } from "../domain/organizations/join-requests.server";
import { getOrganizationBySlug } from "../domain/organizations/organizations.server";
import { parseForm } from "../utils/forms";
import { asHttpError, authorizeRequest, invalid, refusal, requireUser, type ActionFailure } from "../utils/http.server";

export const meta: MetaFunction = () => [{ title: "Manage organization · Partner Community" }];

async function managedOrganization(args: LoaderFunctionArgs) {
  const user = requireUser(args.context, args.request);
  const organization = await getOrganizationBySlug(args.context.db, args.params.slug ?? "").catch(asHttpError);
  authorizeRequest(user, "organization.manage", { id: organization.id }, { hide: true });
  return { user, organization };
}

export async function loader(args: LoaderFunctionArgs) {
  const { organization } = await managedOrganization(args);
  const [invitations, requests] = await Promise.all([
    listOpenInvitations(args.context.db, organization.id),
    listPendingRequests(args.context.db, organization.id),
  ]);
  return { organization: { name: organization.name, slug: organization.slug }, invitations, requests };
}

const actionSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("invite"),
    email: z.union([z.literal(""), z.string().trim().max(254).pipe(z.email("Enter a valid email address or leave it empty."))]),
  }),
  z.object({ intent: z.literal("revoke"), invitationId: z.coerce.number().int().positive() }),
  z.object({
    intent: z.enum(["approve", "decline"]),
    requestId: z.coerce.number().int().positive(),
  }),
]);

export async function action(args: ActionFunctionArgs) {
  const { user, organization } = await managedOrganization(args);
  const { context, request } = args;
  const form = parseForm(actionSchema, await request.formData());
  if (!form.ok) return invalid(form.errors, form.values);
  try {
    switch (form.data.intent) {
      case "invite": {
        const { token } = await createInvitation(context.db, {
          organizationId: organization.id,
          createdBy: user.id,
          email: form.data.email || null,
        });
        return data({ invitationLink: `${context.publicOrigin}/signup?invitation=${token}` });
      }
      case "revoke":
        await revokeInvitation(context.db, organization.id, form.data.invitationId);
        return data({ done: "Invitation revoked." });
      case "approve":
      case "decline": {
        const decision = form.data.intent === "approve" ? "approved" : "declined";
        const decided = await decideJoinRequest(context.db, {
          requestId: form.data.requestId,
          organizationId: organization.id,
          decision,
          actorId: user.id,
        });
        await context.realtime.revalidateUser(decided.user_id);
        return data({ done: decision === "approved" ? "Request approved: they are now a member." : "Request declined." });
      }
    }
  } catch (error) {
    return refusal(error, form.values);
  }
}

type ActionResult = ActionFailure | { invitationLink: string } | { done: string };

export default function ManageOrganization() {
  const { organization, invitations, requests } = useLoaderData<typeof loader>();
  const result = useActionData<ActionResult>();
  const failure = result && "errors" in result ? result : undefined;
  return (
    <section className="stack">
      <h1>Manage {organization.name}</h1>
      <FormAlert message={failure?.errors.form} />
      {result && "done" in result ? (
        <div className="alert alert-success" role="status">
          {result.done}
        </div>
      ) : null}
      <section className="card stack" aria-labelledby="requests-heading">
        <h2 id="requests-heading">Join requests</h2>
        {requests.length === 0 ? (
          <p className="muted">No requests waiting.</p>
        ) : (
          <ul className="stack" aria-label="Pending join requests">
            {requests.map((request) => (
              <li key={request.id} className="stack-tight">
                <p>
                  <strong>{request.display_name}</strong> ({request.email}){request.title ? `, ${request.title}` : ""}
                </p>
                {request.message ? <p className="muted">“{request.message}”</p> : null}
                <Form method="post" className="cluster">
                  <input type="hidden" name="requestId" value={request.id} />
                  <button type="submit" name="intent" value="approve" aria-label={`Approve ${request.display_name}`}>
                    Approve
                  </button>
                  <button type="submit" name="intent" value="decline" className="button-quiet" aria-label={`Decline ${request.display_name}`}>
                    Decline
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="card stack" aria-labelledby="invite-heading">
        <h2 id="invite-heading">Invite a colleague</h2>
        <Form method="post" className="form" noValidate>
          <input type="hidden" name="intent" value="invite" />
          <TextField
            label="Their email (optional)"
            name="email"
            type="email"
            defaultValue={failure?.values.email}
            error={failure?.errors.email}
            hint="With an email, only that address can use the link. Links expire after 14 days."
          />
          <div>
            <button type="submit">Create invitation link</button>
          </div>
        </Form>
        {result && "invitationLink" in result ? (
          <div className="alert alert-success stack-tight" role="status">
            <p>Send this link to your colleague. It is shown only once.</p>
            <label htmlFor="invitation-link">Invitation link</label>
            <input id="invitation-link" readOnly value={result.invitationLink} />
          </div>
        ) : null}
        {invitations.length > 0 ? (
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">Open invitations</caption>
              <thead>
                <tr>
                  <th scope="col">For</th>
                  <th scope="col">Expires</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {invitations.map((invitation) => (
                  <tr key={invitation.id}>
                    <td>{invitation.email ?? "Anyone with the link"}</td>
                    <td>{new Date(invitation.expires_at).toISOString().slice(0, 10)}</td>
                    <td>
                      <Form method="post">
                        <input type="hidden" name="invitationId" value={invitation.id} />
                        <button type="submit" name="intent" value="revoke" className="link-button">
                          Revoke
                        </button>
                      </Form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>
    </section>
  );
}
