import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useNavigation } from "@remix-run/react";
import { FormAlert, TextField, useResultKey } from "../components/forms";
import { clearChallengeCookie, completeChallenge, findChallenge, readChallengeCookie } from "../domain/accounts/login-challenge.server";
import { refusal, type ActionFailure } from "../utils/http.server";

export const meta: MetaFunction = () => [{ title: "Two-factor sign-in · Partner Community" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  if (context.user) throw redirect("/");
  const challenge = await findChallenge(context.db, readChallengeCookie(request.headers.get("cookie")));
  if (!challenge) throw redirect("/login", { headers: { "Set-Cookie": clearChallengeCookie() } });
  return data(null);
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData();
  const code = String(formData.get("code") ?? "").trim();
  if (!code) return data<ActionFailure>({ errors: { code: "Enter the code from your app or a recovery code." }, values: {} }, { status: 400 });
  try {
    const { userId, redirectTo } = await completeChallenge(context.db, context.secretBox, readChallengeCookie(request.headers.get("cookie")), code);
    const { cookie } = await context.auth.startSession(userId, { ip: context.ip, userAgent: request.headers.get("user-agent") });
    const headers = new Headers([
      ["Set-Cookie", cookie],
      ["Set-Cookie", clearChallengeCookie()],
    ]);
    return redirect(redirectTo, { headers });
  } catch (error) {
    return refusal(error, {});
  }
}

export default function TwoFactorLogin() {
  const failure = useActionData<ActionFailure>();
  const errors = failure?.errors ?? {};
  const submitting = useNavigation().state === "submitting";
  const codeKey = useResultKey(failure);
  return (
    <section className="stack narrow">
      <h1>Two-factor sign-in</h1>
      <p>Open your authenticator app and enter the 6-digit code for Partner Community. Lost your phone? Use one of your recovery codes.</p>
      <FormAlert message={errors.form} />
      {errors.form ? (
        <p>
          <a href="/login">Log in again</a>
        </p>
      ) : null}
      <Form method="post" className="form" noValidate>
        <TextField
          key={codeKey}
          label="Code"
          name="code"
          autoComplete="one-time-code"
          inputMode="text"
          autoFocus
          required
          error={errors.code}
        />
        <div>
          <button type="submit" disabled={submitting}>
            {submitting ? "Checking…" : "Verify"}
          </button>
        </div>
      </Form>
    </section>
  );
}
