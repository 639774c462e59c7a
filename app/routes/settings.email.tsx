import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { FormAlert, TextField, useResultKey } from "../components/forms";
import { isEmailVerified, requestEmailChange, sendVerification } from "../domain/accounts/email.server";
import { changeEmailSchema } from "../domain/accounts/mail-validation";
import { parseForm } from "../utils/forms";
import { invalid, refusal, requireUser, type ActionFailure } from "../utils/http.server";

export const meta: MetaFunction = () => [{ title: "Email address · Partner Community" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  return { email: user.email, verified: await isEmailVerified(context.db, user.id) };
}

type Result = ActionFailure | { resent: true } | { changeRequested: string };

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const formData = await request.formData();
  if (formData.get("intent") === "resend") {
    try {
      await sendVerification(context.db, user.id, { ip: context.ip });
    } catch (error) {
      return refusal(error);
    }
    return data<Result>({ resent: true });
  }
  const form = parseForm(changeEmailSchema, formData);
  if (!form.ok) return invalid(form.errors, { email: form.values.email ?? "" });
  try {
    await requestEmailChange(context.db, { userId: user.id, password: form.data.password, newEmail: form.data.email, ip: context.ip });
  } catch (error) {
    return refusal(error, { email: form.values.email ?? "" });
  }
  return data<Result>({ changeRequested: form.data.email });
}

export default function EmailSettings() {
  const { email, verified } = useLoaderData<typeof loader>();
  const result = useActionData<Result>();
  const navigation = useNavigation();
  const submitting = navigation.state === "submitting";
  const passwordKey = useResultKey(result);
  const errors = result && "errors" in result ? result.errors : {};
  const values = result && "values" in result ? result.values : {};
  return (
    <section className="stack narrow">
      <h1>Email address</h1>
      <p>
        Your account uses <strong>{email}</strong>{" "}
        {verified ? <span className="badge">confirmed</span> : <span className="badge">not confirmed yet</span>}
      </p>
      {result && "resent" in result ? (
        <div className="alert alert-success" role="status">
          A new confirmation link is on its way to {email}.
        </div>
      ) : null}
      {result && "changeRequested" in result ? (
        <div className="alert alert-success" role="status">
          We mailed a link to {result.changeRequested}. Your address changes when you open it; until then you keep using {email}.
        </div>
      ) : null}
      {!verified ? (
        <Form method="post" className="stack-tight">
          <p className="muted">Confirm your address to receive notification mail. Lost the message?</p>
          <div>
            <button type="submit" name="intent" value="resend" disabled={submitting}>
              Send the confirmation link again
            </button>
          </div>
        </Form>
      ) : null}
      <FormAlert message={errors.form} />
      <h2>Change your email address</h2>
      <Form method="post" className="form" noValidate>
        <input type="hidden" name="intent" value="change" />
        <TextField label="New email address" name="email" type="email" autoComplete="email" required defaultValue={values.email} error={errors.email} />
        <TextField
          key={passwordKey}
          label="Current password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          error={errors.password}
          hint="We ask for it so that nobody at an unlocked screen can take your account."
        />
        <div>
          <button type="submit" disabled={submitting}>
            Mail a confirmation link to the new address
          </button>
        </div>
      </Form>
      <p>
        <a href="/settings/password">Change your password</a> · <a href="/settings/email-notifications">Email notifications</a>
      </p>
    </section>
  );
}
