import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { FormAlert, TextField, useResultKey } from "../components/forms";
import { logIn } from "../domain/accounts/signup.server";
import { challengeCookie, startChallenge, twoFactorEnabled } from "../domain/accounts/login-challenge.server";
import { loginSchema } from "../domain/accounts/validation";
import { parseForm } from "../utils/forms";
import { invalid, refusal, safeRedirect, type ActionFailure } from "../utils/http.server";

export const meta: MetaFunction = () => [{ title: "Log in · Partner Community" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  if (context.user) throw redirect(safeRedirect(new URL(request.url).searchParams.get("redirectTo")));
  return data({ sso: Boolean(context.oidc), passwordLogin: context.passwordLogin !== false });
}

export async function action({ request, context }: ActionFunctionArgs) {
  if (context.passwordLogin === false) return invalid({ form: "Sign in with single sign-on." }, {}, 403);
  const formData = await request.formData();
  const form = parseForm(loginSchema, formData);
  if (!form.ok) return invalid(form.errors, form.values);
  try {
    const user = await logIn(context.db, { ...form.data, ip: context.ip });
    const redirectTo = safeRedirect(formData.get("redirectTo"));
    if (await twoFactorEnabled(context.db, user.id)) {
      // No session yet: the code page finishes the sign-in (docs/decisions/020-account-security.md).
      const token = await startChallenge(context.db, user.id, redirectTo);
      return redirect("/login/two-factor", { headers: { "Set-Cookie": challengeCookie(token, context.publicOrigin.startsWith("https:")) } });
    }
    // A new session id at every login, so a session fixed before login is worthless after it.
    const { cookie } = await context.auth.startSession(user.id, {
      ip: context.ip,
      userAgent: request.headers.get("user-agent"),
    });
    if (context.sessionId) await context.auth.endSession(context.sessionId);
    return redirect(redirectTo, { headers: { "Set-Cookie": cookie } });
  } catch (error) {
    return refusal(error, form.values);
  }
}

export default function Login() {
  const failure = useActionData<ActionFailure>();
  const [params] = useSearchParams();
  const errors = failure?.errors ?? {};
  const submitting = useNavigation().state === "submitting";
  const passwordKey = useResultKey(failure);
  const { sso, passwordLogin } = useLoaderData<typeof loader>();
  return (
    <section className="stack narrow">
      <h1>Log in</h1>
      <FormAlert message={errors.form} />
      {sso ? (
        <Form method="post" action="/auth/oidc" reloadDocument>
          <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? "/"} />
          <button type="submit">Sign in with your partner portal</button>
        </Form>
      ) : null}
      {passwordLogin ? (
      <Form method="post" className="form" noValidate>
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? "/"} />
        <TextField
          label="Email"
          name="email"
          type="email"
          autoComplete="email"
          required
          defaultValue={failure?.values.email}
          error={errors.email}
        />
        <TextField
          key={passwordKey}
          label="Password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          error={errors.password}
        />
        <div className="cluster">
          <button type="submit" disabled={submitting}>
            {submitting ? "Logging in…" : "Log in"}
          </button>
          <a href="/signup">Create an account</a>
          <a href="/forgot-password">Forgot your password?</a>
        </div>
      </Form>
      ) : null}
    </section>
  );
}
