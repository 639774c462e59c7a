import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { FormAlert, TextField, useResultKey } from "../components/forms";
import { TokenProblemPage } from "../components/token-problem";
import { MIN_PASSWORD } from "../domain/accounts/validation";
import { resetPasswordSchema } from "../domain/accounts/mail-validation";
import { resetPassword } from "../domain/accounts/recovery.server";
import { checkToken, type TokenProblem } from "../domain/accounts/tokens.server";
import { parseForm } from "../utils/forms";
import { invalid, type ActionFailure } from "../utils/http.server";
import { keepLinkCheckAfterSubmit } from "../utils/token-pages";
import { requirePasswordLogin } from "../utils/password-login.server";

export const meta: MetaFunction = () => [{ title: "Choose a new password · Partner Community" }];

const again = { href: "/forgot-password", label: "Ask for a new reset link" };

/** Looks at the link without using it, so a bad link says so before anyone types a password. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  requirePasswordLogin(context);
  const token = new URL(request.url).searchParams.get("token") ?? "";
  const check = await checkToken(context.db, "reset_password", token);
  if (!check.ok) return data({ token, problem: check.problem }, { status: check.problem === "invalid" ? 404 : 410 });
  return { token, problem: null };
}

type Result = ActionFailure | { problem: TokenProblem } | { done: true };

export const shouldRevalidate = keepLinkCheckAfterSubmit;

export async function action({ request, context }: ActionFunctionArgs) {
  requirePasswordLogin(context);
  const form = parseForm(resetPasswordSchema, await request.formData());
  if (!form.ok) return invalid(form.errors, { token: form.values.token ?? "" });
  const outcome = await resetPassword(context.db, { token: form.data.token, password: form.data.password });
  if (!outcome.ok) return data<Result>({ problem: outcome.problem }, { status: 410 });
  context.log.info({ userId: outcome.userId }, "password reset");
  return data<Result>({ done: true });
}

export default function ResetPassword() {
  const loaded = useLoaderData<typeof loader>();
  const result = useActionData<Result>();
  const submitting = useNavigation().state === "submitting";
  const resultKey = useResultKey(result);
  if (result && "done" in result) {
    return (
      <section className="stack narrow">
        <h1>Your password is set</h1>
        <div className="alert alert-success" role="status">
          Your new password works now. Every session was signed out, on every device.
        </div>
        <p>
          <a href="/login">Log in</a>
        </p>
      </section>
    );
  }
  const problem = result && "problem" in result ? result.problem : loaded.problem;
  if (problem) {
    return <TokenProblemPage title="This reset link cannot be used" problem={problem} again={again} />;
  }
  const errors = result && "errors" in result ? result.errors : {};
  return (
    <section className="stack narrow">
      <h1>Choose a new password</h1>
      <FormAlert message={errors.form} />
      <Form method="post" className="form" noValidate>
        <input type="hidden" name="token" value={loaded.token} />
        <TextField
          key={`p${resultKey}`}
          label="New password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          error={errors.password}
          hint={`At least ${MIN_PASSWORD} characters.`}
        />
        <TextField key={`c${resultKey}`} label="New password again" name="confirm" type="password" autoComplete="new-password" required error={errors.confirm} />
        <div>
          <button type="submit" disabled={submitting}>
            {submitting ? "Saving…" : "Set my new password"}
          </button>
        </div>
      </Form>
    </section>
  );
}
