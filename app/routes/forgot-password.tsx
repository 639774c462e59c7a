import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useNavigation } from "@remix-run/react";
import { FormAlert, TextField } from "../components/forms";
import { forgotPasswordSchema } from "../domain/accounts/mail-validation";
import { requestPasswordReset } from "../domain/accounts/recovery.server";
import { parseForm } from "../utils/forms";
import { invalid, refusal, type ActionFailure } from "../utils/http.server";
import { requirePasswordLogin } from "../utils/password-login.server";

export const meta: MetaFunction = () => [{ title: "Forgot your password? · Partner Community" }];

export function loader({ context }: LoaderFunctionArgs) {
  requirePasswordLogin(context);
  return null;
}

/** One answer whether or not the address has an account: the page must not tell who is a member. */
export async function action({ request, context }: ActionFunctionArgs) {
  requirePasswordLogin(context);
  const form = parseForm(forgotPasswordSchema, await request.formData());
  if (!form.ok) return invalid(form.errors, form.values);
  try {
    await requestPasswordReset(context.db, { email: form.data.email, ip: context.ip });
  } catch (error) {
    return refusal(error, form.values);
  }
  return data({ sent: form.data.email });
}

export default function ForgotPassword() {
  const result = useActionData<ActionFailure | { sent: string }>();
  const submitting = useNavigation().state === "submitting";
  if (result && "sent" in result) {
    return (
      <section className="stack narrow">
        <h1>Check your email</h1>
        <div className="alert alert-success" role="status">
          If an account uses {result.sent}, a link to reset its password is on its way. The link works for one hour.
        </div>
        <p>
          <a href="/login">Back to log in</a>
        </p>
      </section>
    );
  }
  const errors = result?.errors ?? {};
  return (
    <section className="stack narrow">
      <h1>Forgot your password?</h1>
      <p className="muted">Enter the email address of your account and we will mail you a link to choose a new password.</p>
      <FormAlert message={errors.form} />
      <Form method="post" className="form" noValidate>
        <TextField label="Email" name="email" type="email" autoComplete="email" required defaultValue={result?.values.email} error={errors.email} />
        <div className="cluster">
          <button type="submit" disabled={submitting}>
            {submitting ? "Sending…" : "Mail me a reset link"}
          </button>
          <a href="/login">Back to log in</a>
        </div>
      </Form>
    </section>
  );
}
