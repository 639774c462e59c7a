import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { FormAlert, TextField } from "../components/forms";
import { deleteAccount } from "../domain/account-data/deletion.server";
import { DELETE_CONFIRMATION, RECENT_SIGN_IN_MINUTES, deleteAccountSchema } from "../domain/account-data/validation";
import { can } from "../domain/policy.server";
import { parseForm } from "../utils/forms";
import { invalid, refusal, requireUser, type ActionFailure } from "../utils/http.server";

export const meta: MetaFunction = () => [{ title: "Your data · Partner Community" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const row = await context.db.selectFrom("users").select("password_hash").where("id", "=", user.id).executeTakeFirstOrThrow();
  return { hasPassword: row.password_hash !== null, canExport: can(user, "account.exportData"), canDelete: can(user, "account.delete") };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const form = parseForm(deleteAccountSchema, await request.formData());
  if (!form.ok) return invalid(form.errors, form.values);
  try {
    await deleteAccount(context.db, user, {
      password: form.data.password,
      confirmation: form.data.confirmation,
      removePosts: form.data.removePosts === "on",
      sessionId: context.sessionId,
    });
  } catch (error) {
    return refusal(error, form.values);
  }
  if (context.sessionId) await context.realtime.disconnectSession(context.sessionId);
  return redirect("/account/deleted", { headers: { "Set-Cookie": context.auth.blankCookie() } });
}

export default function AccountData() {
  const { hasPassword, canExport, canDelete } = useLoaderData<typeof loader>();
  const result = useActionData<ActionFailure>();
  const submitting = useNavigation().state === "submitting";
  const errors = result?.errors ?? {};
  const values = result?.values ?? {};
  return (
    <section className="stack narrow">
      <h1>Your data</h1>
      {canExport ? (
        <section className="stack-tight" aria-labelledby="export-heading">
          <h2 id="export-heading">Export your data</h2>
          <p>
            A JSON file with your profile, your posts, the messages of your conversations, your notification settings, whom you follow,
            your mentoring records and your recognition. Other people appear by name and handle only.
          </p>
          <Form method="post" action="/settings/account/export" reloadDocument>
            <button type="submit">Download my data</button>
          </Form>
        </section>
      ) : null}
      <p>
        <a href="/settings/muted">People you muted</a>
      </p>
      {canDelete ? (
        <section className="stack-tight" aria-labelledby="delete-heading">
          <h2 id="delete-heading">Delete your account</h2>
          <p>
            Your name, handle, email, profile, picture, sessions, two-factor settings, follows, mentor profile and preferences are removed,
            and you can no longer sign in. Your posts stay, shown as by a &ldquo;Former member&rdquo;, unless you remove them too. Points you
            earned stay in your organization&apos;s totals. This cannot be undone.
          </p>
          <FormAlert message={errors.form} />
          <Form method="post" className="form" noValidate>
            {hasPassword ? (
              <TextField label="Your password" name="password" type="password" autoComplete="current-password" required error={errors.password} />
            ) : (
              <>
                <p className="field-hint">
                  You sign in through single sign-on: deleting works within {RECENT_SIGN_IN_MINUTES} minutes of signing in.
                </p>
                <FormAlert message={errors.password} />
              </>
            )}
            <TextField
              label={`Type ${DELETE_CONFIRMATION} to confirm`}
              name="confirmation"
              autoComplete="off"
              required
              defaultValue={values.confirmation}
              error={errors.confirmation}
            />
            <div className="field">
              <label>
                <input type="checkbox" name="removePosts" defaultChecked={values.removePosts === "on"} /> Also remove my posts
              </label>
            </div>
            <div>
              <button type="submit" className="button-danger" disabled={submitting}>
                {submitting ? "Deleting…" : "Delete my account"}
              </button>
            </div>
          </Form>
        </section>
      ) : null}
    </section>
  );
}
