import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { FormAlert, SelectField, TextField, useResultKey } from "../components/forms";
import { signUp } from "../domain/accounts/signup.server";
import { sendVerification } from "../domain/accounts/email.server";
import { MAX_DISPLAY_NAME, MIN_PASSWORD, signupSchema } from "../domain/accounts/validation";
import { findUsableInvitation } from "../domain/organizations/invitations.server";
import { listOrganizationChoices } from "../domain/organizations/organizations.server";
import { parseForm } from "../utils/forms";
import { invalid, refusal, type ActionFailure } from "../utils/http.server";
import { requirePasswordLogin } from "../utils/password-login.server";

export const meta: MetaFunction = () => [{ title: "Sign up · Partner Community" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  if (context.user) throw redirect("/");
  requirePasswordLogin(context);
  const token = new URL(request.url).searchParams.get("invitation") ?? "";
  const [organizations, invitation] = await Promise.all([
    listOrganizationChoices(context.db),
    findUsableInvitation(context.db, token),
  ]);
  return {
    organizations: organizations.map((o) => ({ id: o.id, name: o.name })),
    invitation: invitation ? { token, organizationName: invitation.organization_name, email: invitation.email } : null,
    invitationInvalid: Boolean(token) && !invitation,
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  requirePasswordLogin(context);
  const form = parseForm(signupSchema, await request.formData());
  if (!form.ok) return invalid(form.errors, form.values);
  try {
    const { user } = await signUp(context.db, form.data);
    // Queued, not sent: a mail server that is down must not fail the sign-up.
    await sendVerification(context.db, user.id);
    const { cookie } = await context.auth.startSession(user.id, {
      ip: context.ip,
      userAgent: request.headers.get("user-agent"),
    });
    context.log.info({ userId: user.id }, "signed up");
    return redirect("/", { headers: { "Set-Cookie": cookie } });
  } catch (error) {
    return refusal(error, form.values);
  }
}

export default function Signup() {
  const { organizations, invitation, invitationInvalid } = useLoaderData<typeof loader>();
  const failure = useActionData<ActionFailure>();
  const errors = failure?.errors ?? {};
  const values = failure?.values ?? {};
  const submitting = useNavigation().state === "submitting";
  const passwordKey = useResultKey(failure);
  return (
    <section className="stack narrow">
      <h1>Create your account</h1>
      {invitation ? (
        <div className="alert alert-info" role="status">
          You were invited to join <strong>{invitation.organizationName}</strong>. Your account joins it as soon as you
          sign up.
        </div>
      ) : (
        <p className="muted">
          Choose your partner organization: its partner admin approves your request. Until then you can take part but
          earn no recognition.
        </p>
      )}
      {invitationInvalid ? (
        <div className="alert alert-error" role="alert">
          That invitation link has expired or was already used. Ask your partner admin for a new one, or request to
          join below.
        </div>
      ) : null}
      <FormAlert message={errors.form ?? errors.invitation} />
      <Form method="post" className="form" noValidate>
        <TextField
          label="Work email"
          name="email"
          type="email"
          autoComplete="email"
          required
          defaultValue={values.email ?? invitation?.email ?? ""}
          error={errors.email}
        />
        <TextField
          label="Display name"
          name="displayName"
          autoComplete="name"
          required
          maxLength={MAX_DISPLAY_NAME + 20}
          defaultValue={values.displayName}
          error={errors.displayName}
          hint="How other partners will see you, for example “Dana Kim”."
        />
        <TextField
          key={passwordKey}
          label="Password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          error={errors.password}
          hint={`At least ${MIN_PASSWORD} characters.`}
        />
        {invitation ? (
          <input type="hidden" name="invitation" value={invitation.token} />
        ) : (
          <SelectField
            label="Your partner organization"
            name="organizationId"
            defaultValue={values.organizationId ?? ""}
            error={errors.organizationId}
            hint="Not listed, or you work for the vendor? Leave this empty."
          >
            <option value="">Not with a partner organization (yet)</option>
            {organizations.map((organization) => (
              <option key={organization.id} value={organization.id}>
                {organization.name}
              </option>
            ))}
          </SelectField>
        )}
        <div className="cluster">
          <button type="submit" disabled={submitting}>
            {submitting ? "Creating account…" : "Create account"}
          </button>
          <a href="/login">I already have an account</a>
        </div>
      </Form>
    </section>
  );
}
