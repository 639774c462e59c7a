import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useNavigation } from "@remix-run/react";
import { FormAlert, TextField, useResultKey } from "../components/forms";
import { changePasswordSchema } from "../domain/accounts/mail-validation";
import { changePassword } from "../domain/accounts/recovery.server";
import { MIN_PASSWORD } from "../domain/accounts/validation";
import { parseForm } from "../utils/forms";
import { invalid, refusal, requireUser, type ActionFailure } from "../utils/http.server";

export const meta: MetaFunction = () => [{ title: "Password · Partner Community" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  requireUser(context, request);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const form = parseForm(changePasswordSchema, await request.formData());
  // Passwords are never echoed back into the form.
  if (!form.ok) return invalid(form.errors, {});
  try {
    await changePassword(context.db, {
      userId: user.id,
      currentPassword: form.data.currentPassword,
      newPassword: form.data.password,
      keepSessionId: context.sessionId,
    });
  } catch (error) {
    return refusal(error);
  }
  return data({ changed: true as const });
}

export default function PasswordSettings() {
  const result = useActionData<ActionFailure | { changed: true }>();
  const submitting = useNavigation().state === "submitting";
  const key = useResultKey(result);
  const errors = result && "errors" in result ? result.errors : {};
  return (
    <section className="stack narrow">
      <h1>Change your password</h1>
      {result && "changed" in result ? (
        <div className="alert alert-success" role="status">
          Password changed. Every other session was signed out; this one stays signed in.
        </div>
      ) : null}
      <FormAlert message={errors.form} />
      <Form method="post" className="form" noValidate key={key}>
        <TextField label="Current password" name="currentPassword" type="password" autoComplete="current-password" required error={errors.currentPassword} />
        <TextField label="New password" name="password" type="password" autoComplete="new-password" required error={errors.password} hint={`At least ${MIN_PASSWORD} characters.`} />
        <TextField label="New password again" name="confirm" type="password" autoComplete="new-password" required error={errors.confirm} />
        <div className="cluster">
          <button type="submit" disabled={submitting}>
            {submitting ? "Saving…" : "Change password"}
          </button>
          <a href="/forgot-password">Forgot your current password?</a>
        </div>
      </Form>
    </section>
  );
}
