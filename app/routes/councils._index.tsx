import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { FormAlert, TextAreaField, TextField } from "../components/forms";
import { createCouncil, listCouncils, pendingInvitations } from "../domain/councils/councils.server";
import { councilSchema } from "../domain/councils/validation";
import { can } from "../domain/policy.server";
import { parseForm } from "../utils/forms";
import { invalid, refusal, requireUser, type ActionFailure } from "../utils/http.server";
import { roleLabels } from "../domain/councils/validation";

export const meta: MetaFunction = () => [{ title: "Councils · Partner Community" }];

/** The councils this person may enter, their open invitations, and (for admins) a new council. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const [councils, invitations] = await Promise.all([listCouncils(context.db, user), pendingInvitations(context.db, user)]);
  return { councils, invitations, mayCreate: can(user, "council.manage") };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const form = parseForm(councilSchema, await request.formData());
  if (!form.ok) return invalid(form.errors, form.values);
  try {
    const council = await createCouncil(context.db, user, form.data);
    return redirect(`/councils/${council.id}`);
  } catch (error) {
    return refusal(error, form.values);
  }
}

export default function Councils() {
  const { councils, invitations, mayCreate } = useLoaderData<typeof loader>();
  const failure = useActionData<ActionFailure>();
  const errors = failure?.errors ?? {};
  const values = failure?.values ?? {};
  return (
    <section className="stack">
      <h1>Advisory councils</h1>
      {invitations.length ? (
        <section className="card stack-tight" aria-labelledby="invitations-heading">
          <h2 id="invitations-heading">Waiting for you</h2>
          <ul>
            {invitations.map((invitation) => (
              <li key={invitation.id}>
                <Link to={`/councils/${invitation.id}`}>{invitation.name}</Link>:{" "}
                {invitation.accepted_at ? "acknowledge the current confidentiality terms" : "you are invited"}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {councils.length ? (
        <ul className="council-list">
          {councils.map((council) => (
            <li key={council.id} className="card stack-tight">
              <h2>
                <Link to={`/councils/${council.id}`}>{council.name}</Link>
              </h2>
              <p>{council.objective}</p>
              <p className="muted">
                Meets {council.meeting_frequency.toLowerCase()}
                {council.role ? ` · you are ${roleLabels[council.role].toLowerCase()}` : ""}
              </p>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">You are not on a council at the moment.</p>
      )}
      {mayCreate ? (
        <section className="card stack" aria-labelledby="new-council-heading">
          <h2 id="new-council-heading">New council</h2>
          <FormAlert message={errors.form} />
          <Form method="post" className="form wide" noValidate>
            <TextField label="Name" name="name" required defaultValue={values.name} error={errors.name} />
            <TextAreaField label="Objective" name="objective" required rows={3} defaultValue={values.objective} error={errors.objective} />
            <TextField label="Meeting frequency" name="meetingFrequency" required defaultValue={values.meetingFrequency} error={errors.meetingFrequency} hint="For example: Quarterly" />
            <TextField label="Expected commitment" name="expectedCommitment" required defaultValue={values.expectedCommitment} error={errors.expectedCommitment} hint="For example: four 2-hour meetings a year and async reviews" />
            <TextAreaField label="Confidentiality terms" name="termsText" required rows={6} defaultValue={values.termsText} error={errors.termsText} hint="Members acknowledge these before they first enter; changing them later asks everyone again." />
            <div>
              <button type="submit">Create council</button>
            </div>
          </Form>
        </section>
      ) : null}
    </section>
  );
}
