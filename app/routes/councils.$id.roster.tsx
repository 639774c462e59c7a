import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { ConfidentialNote, CouncilNav, Day } from "../components/councils/council-nav";
import { FormAlert, SelectField, TextField } from "../components/forms";
import { requireCouncil } from "../domain/councils/councils.server";
import { inviteMember, listRoster, removeMember } from "../domain/councils/roster.server";
import { councilRoles, roleLabels } from "../domain/councils/validation";
import { can } from "../domain/policy.server";
import { formValues } from "../utils/forms";
import { asHttpError, refusal, requireUser, type ActionFailure } from "../utils/http.server";

export const meta: MetaFunction = () => [{ title: "Roster · Council · Partner Community" }];

export async function loader({ params, context }: LoaderFunctionArgs) {
  const council = await requireCouncil(context.db, context.user, params.id ?? "").catch(asHttpError);
  const roster = await listRoster(context.db, context.user, council.id);
  const today = new Date().toISOString().slice(0, 10);
  return { council: { id: council.id, name: council.name }, roster, mayManage: can(context.user, "council.manage"), today };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const council = await requireCouncil(context.db, user, params.id ?? "").catch(asHttpError);
  const formData = await request.formData();
  const values = formValues(formData);
  try {
    if (values.intent === "remove") {
      await removeMember(context.db, user, council.id, values.userId ?? "");
      // The removed person's open pages leave the council's rooms now, not at their next request.
      await context.realtime.revalidateUser(values.userId ?? "");
    } else {
      await inviteMember(context.db, user, council.id, values);
    }
    return redirect(`/councils/${council.id}/roster`);
  } catch (error) {
    return refusal(error, values);
  }
}

export default function Roster() {
  const { council, roster, mayManage, today } = useLoaderData<typeof loader>();
  const failure = useActionData<ActionFailure>();
  const errors = failure?.errors ?? {};
  const values = failure?.values ?? {};
  return (
    <section className="stack">
      <h1>{council.name}</h1>
      <CouncilNav councilId={council.id} name={council.name} />
      <ConfidentialNote />
      <h2>Roster</h2>
      <FormAlert message={errors.form} />
      <div className="table-wrap">
        <table>
          <caption className="visually-hidden">Members, their terms and attendance</caption>
          <thead>
            <tr>
              <th scope="col">Member</th>
              <th scope="col">Role</th>
              <th scope="col">Term</th>
              <th scope="col">Status</th>
              <th scope="col">Attendance</th>
              {mayManage ? <th scope="col">Actions</th> : null}
            </tr>
          </thead>
          <tbody>
            {roster.map((person) => (
              <tr key={person.id}>
                <td>
                  <a href={`/u/${person.handle}`}>{person.display_name}</a>
                </td>
                <td>{roleLabels[person.role]}</td>
                <td>
                  <Day date={person.term_start} /> – <Day date={person.term_end} />
                </td>
                <td>{status(person)}</td>
                <td>
                  {Number(person.attended)} of {Number(person.meetings_held)}
                </td>
                {mayManage ? (
                  <td>
                    {person.ended_at ? null : (
                      <Form method="post">
                        <input type="hidden" name="userId" value={person.id} />
                        <button type="submit" name="intent" value="remove" className="button-danger" aria-label={`Remove ${person.display_name}`}>
                          Remove
                        </button>
                      </Form>
                    )}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {mayManage ? (
        <section className="card stack" aria-labelledby="invite-heading">
          <h2 id="invite-heading">Invite a member</h2>
          <Form method="post" className="form" noValidate>
            <TextField label="Handle" name="handle" required defaultValue={values.handle} error={errors.handle} hint="Their @handle, as on their profile." />
            <SelectField label="Role" name="role" defaultValue={values.role ?? "member"} error={errors.role}>
              {councilRoles.map((role) => (
                <option key={role} value={role}>
                  {roleLabels[role]}
                </option>
              ))}
            </SelectField>
            <TextField label="Term starts" name="termStart" type="date" required defaultValue={values.termStart ?? today} error={errors.termStart} />
            <TextField label="Term ends" name="termEnd" type="date" required defaultValue={values.termEnd} error={errors.termEnd} />
            <div>
              <button type="submit" name="intent" value="invite">
                Send invitation
              </button>
            </div>
          </Form>
        </section>
      ) : null}
    </section>
  );
}

function status(person: { ended_at: string | Date | null; end_reason: string | null; accepted_at: string | Date | null; acknowledged_version: number | null }) {
  if (person.ended_at) return person.end_reason === "term_ended" ? "Term ended" : person.end_reason === "declined" ? "Declined" : "Removed";
  if (!person.accepted_at) return "Invited";
  if (person.acknowledged_version === null) return "Accepted, terms not yet acknowledged";
  return "Active";
}
