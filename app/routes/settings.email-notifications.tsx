import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { isEmailVerified } from "../domain/accounts/email.server";
import { cadenceLabels, cadences, isCadence, mailKindLabels, mailKinds } from "../domain/mail/kinds";
import { mailPreferences, setMailPreferences, type MailPreferences } from "../domain/mail/preferences.server";
import { requireUser } from "../utils/http.server";

export const meta: MetaFunction = () => [{ title: "Email notifications · Partner Community" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const [preferences, verified] = await Promise.all([mailPreferences(context.db, user.id), isEmailVerified(context.db, user.id)]);
  return { preferences, verified, email: user.email };
}

/** One choice per kind; a value that is not a cadence is refused at its field. */
export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const form = await request.formData();
  const chosen: Partial<MailPreferences> = {};
  const errors: Record<string, string> = {};
  for (const kind of mailKinds) {
    const value = String(form.get(kind) ?? "");
    if (isCadence(value)) chosen[kind] = value;
    else errors[kind] = "Choose how this mail should arrive.";
  }
  if (Object.keys(errors).length > 0) return data({ saved: false, errors }, { status: 400 });
  await setMailPreferences(context.db, user.id, chosen);
  return data({ saved: true, errors });
}

export default function EmailNotificationSettings() {
  const { preferences, verified, email } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const submitting = useNavigation().state === "submitting";
  return (
    <section className="stack">
      <h1>Email notifications</h1>
      <p className="muted">
        Choose what reaches {email} by mail, and when. Digests go out once a day or once a week and list only what you can
        still see. Security notices about your account always arrive.
      </p>
      {!verified ? (
        <div className="alert alert-info" role="status">
          Your email address is not confirmed yet, so no notification mail is sent. <a href="/settings/email">Confirm it</a>.
        </div>
      ) : null}
      {result?.saved ? (
        <div className="alert alert-success" role="status">
          Settings saved.
        </div>
      ) : null}
      <Form method="post" className="form stack">
        <table>
          <caption className="visually-hidden">How each kind of mail arrives</caption>
          <thead>
            <tr>
              <th scope="col">Mail about</th>
              {cadences.map((cadence) => (
                <th key={cadence} scope="col">
                  {cadenceLabels[cadence]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {mailKinds.map((kind) => (
              <tr key={kind}>
                <th scope="row">
                  {mailKindLabels[kind].label}
                  <span className="field-hint"> {mailKindLabels[kind].hint}</span>
                  {result?.errors[kind] ? <span className="field-error"> {result.errors[kind]}</span> : null}
                </th>
                {cadences.map((cadence) => (
                  <td key={cadence}>
                    <input
                      type="radio"
                      name={kind}
                      value={cadence}
                      defaultChecked={preferences[kind] === cadence}
                      aria-label={`${mailKindLabels[kind].label}: ${cadenceLabels[cadence]}`}
                    />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        <div>
          <button type="submit" disabled={submitting}>
            {submitting ? "Saving…" : "Save email settings"}
          </button>
        </div>
      </Form>
    </section>
  );
}
