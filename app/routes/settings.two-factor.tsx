import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { FormAlert, TextField } from "../components/forms";
import {
  confirmEnrolment,
  disableTwoFactor,
  isStaffRole,
  pendingEnrolment,
  regenerateRecoveryCodes,
  staffTwoFactorRequired,
  startEnrolment,
  twoFactorStatus,
} from "../domain/accounts/two-factor.server";
import { requireUser, refusal, type ActionFailure } from "../utils/http.server";

export const meta: MetaFunction = () => [{ title: "Two-factor authentication · Partner Community" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const [status, pending, required] = await Promise.all([
    twoFactorStatus(context.db, user.id),
    pendingEnrolment(context.db, context.secretBox, user),
    staffTwoFactorRequired(context.db),
  ]);
  return { status, pending, required: required && isStaffRole(user.role) };
}

type Result = ActionFailure & { recoveryCodes?: string[]; done?: string };

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const form = await request.formData();
  const intent = String(form.get("intent"));
  const code = String(form.get("code") ?? "").trim();
  try {
    switch (intent) {
      case "start":
        await startEnrolment(context.db, context.secretBox, user);
        return data<Result>({ errors: {}, values: {} });
      case "confirm":
        if (!code) return data<Result>({ errors: { code: "Enter the 6-digit code your app shows." }, values: {} }, { status: 400 });
        return data<Result>({ errors: {}, values: {}, recoveryCodes: await confirmEnrolment(context.db, context.secretBox, user, code), done: "enabled" });
      case "regenerate":
        if (!code) return data<Result>({ errors: { code: "Enter the 6-digit code your app shows." }, values: {} }, { status: 400 });
        return data<Result>({ errors: {}, values: {}, recoveryCodes: await regenerateRecoveryCodes(context.db, context.secretBox, user, { code }), done: "regenerated" });
      case "disable": {
        const required = isStaffRole(user.role) && (await staffTwoFactorRequired(context.db));
        const password = String(form.get("password") ?? "");
        await disableTwoFactor(context.db, context.secretBox, user, { password: password || undefined, code: code || undefined }, { required });
        return data<Result>({ errors: {}, values: {}, done: "disabled" });
      }
      default:
        return data<Result>({ errors: { form: "Unknown action." }, values: {} }, { status: 400 });
    }
  } catch (error) {
    return refusal(error, {});
  }
}

export default function TwoFactorSettings() {
  const { status, pending, required } = useLoaderData<typeof loader>();
  const result = useActionData<Result>();
  const [params] = useSearchParams();
  const errors = result?.errors ?? {};
  const submitting = useNavigation().state === "submitting";
  return (
    <section className="stack narrow">
      <h1>Two-factor authentication</h1>
      {params.get("required") && !status.enabled ? (
        <div className="alert" role="alert">
          Your role requires two-factor authentication. Set it up to continue.
        </div>
      ) : null}
      <FormAlert message={errors.form} />
      {result?.done === "disabled" ? (
        <div className="alert alert-success" role="status">
          Two-factor authentication is off.
        </div>
      ) : null}
      {result?.recoveryCodes ? (
        <section className="stack-tight" aria-labelledby="codes-heading">
          <h2 id="codes-heading">{result.done === "enabled" ? "Two-factor authentication is on" : "New recovery codes"}</h2>
          <p>
            Keep these recovery codes somewhere safe. Each signs you in once if you lose your phone. They are shown only now.
          </p>
          <ul className="recovery-codes" aria-label="Recovery codes">
            {result.recoveryCodes.map((code) => (
              <li key={code}>
                <code>{code}</code>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {status.enabled ? (
        <>
          <p>
            Two-factor authentication is on. {status.recoveryCodesLeft} unused recovery code{status.recoveryCodesLeft === 1 ? "" : "s"} left.
          </p>
          <Form method="post" className="form">
            <h2>New recovery codes</h2>
            <input type="hidden" name="intent" value="regenerate" />
            <TextField label="Code from your app" name="code" autoComplete="one-time-code" error={errors.code} />
            <div>
              <button type="submit" disabled={submitting}>
                Make new recovery codes
              </button>
            </div>
          </Form>
          {required ? (
            <p>Your role requires two-factor authentication, so it cannot be turned off.</p>
          ) : (
            <Form method="post" className="form">
              <h2>Turn off</h2>
              <input type="hidden" name="intent" value="disable" />
              <TextField label="Your password" name="password" type="password" autoComplete="current-password" error={errors.password} hint="Or, if you sign in with single sign-on, a code from your app below." />
              <TextField label="Or a code from your app" name="code" autoComplete="one-time-code" />
              <div>
                <button type="submit" className="button-danger" disabled={submitting}>
                  Turn off two-factor authentication
                </button>
              </div>
            </Form>
          )}
        </>
      ) : pending ? (
        <Form method="post" className="form stack">
          <h2>Scan this code</h2>
          <p>Scan the QR code with an authenticator app, or type the key in by hand, then enter the code the app shows.</p>
          <img src={pending.qrDataUrl} alt="QR code to add Partner Community to an authenticator app" width={200} height={200} />
          <p>
            Key: <code data-testid="totp-secret">{pending.secret}</code>
          </p>
          <input type="hidden" name="intent" value="confirm" />
          <TextField label="Code from your app" name="code" autoComplete="one-time-code" inputMode="numeric" required error={errors.code} />
          <div>
            <button type="submit" disabled={submitting}>
              Turn on
            </button>
          </div>
        </Form>
      ) : (
        <Form method="post" className="form">
          <p>Sign-in will ask for a code from an authenticator app on your phone as well as your password.</p>
          <input type="hidden" name="intent" value="start" />
          <div>
            <button type="submit" disabled={submitting}>
              Set up two-factor authentication
            </button>
          </div>
        </Form>
      )}
    </section>
  );
}
