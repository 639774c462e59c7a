import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { FormAlert, TextField } from "../components/forms";
import { AdminNav } from "../components/moderation/admin-nav";
import { getSettings, settingsSchema, updateSettings } from "../domain/moderation/settings.server";
import { parseForm } from "../utils/forms";
import { authorizeRequest, invalid, refusal, requireUser, type ActionFailure } from "../utils/http.server";

export const meta: MetaFunction = () => [{ title: "Moderation settings · Admin · Partner Community" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  authorizeRequest(user, "admin.access", undefined, { hide: true });
  return { settings: await getSettings(context.db) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  authorizeRequest(user, "admin.access", undefined, { hide: true });
  const form = parseForm(settingsSchema, await request.formData());
  if (!form.ok) return invalid(form.errors, form.values);
  try {
    const changed = await updateSettings(context.db, user, form.data);
    return data({ done: changed.length ? `Saved (${changed.length} changed).` : "Nothing changed." });
  } catch (error) {
    return refusal(error, form.values);
  }
}

export default function ModerationSettings() {
  const { settings } = useLoaderData<typeof loader>();
  const result = useActionData<ActionFailure | { done: string }>();
  const failure = result && "errors" in result ? result : undefined;
  const errors = failure?.errors ?? {};
  const value = (key: keyof typeof settings) => failure?.values[key] ?? String(settings[key]);
  return (
    <section className="stack">
      <h1>Moderation settings</h1>
      <AdminNav />
      <FormAlert message={errors.form} />
      {result && "done" in result ? (
        <div className="alert alert-success" role="status">
          {result.done}
        </div>
      ) : null}
      <Form method="post" className="form stack" noValidate>
        <fieldset className="card stack">
          <legend>Flags</legend>
          <TextField label="Flag weight that hides a post pending review" name="flagHideThreshold" type="number" step="0.5" min={1} defaultValue={value("flagHideThreshold")} error={errors.flagHideThreshold} hint="A new member's flag weighs 1; accurate flaggers weigh up to 1.5, inaccurate ones down to 0.5. A moderator's flag hides at once." />
          <TextField label="Flags one person may raise per day" name="flagDailyLimit" type="number" min={1} defaultValue={value("flagDailyLimit")} error={errors.flagDailyLimit} />
        </fieldset>
        <fieldset className="card stack">
          <legend>New accounts</legend>
          <label className="cluster">
            <input type="checkbox" name="holdNewAccounts" defaultChecked={failure ? failure.values.holdNewAccounts === "on" : settings.holdNewAccounts} />
            Hold posts of new accounts for review until a moderator approves one
          </label>
          <TextField label="An account is new for (hours)" name="newAccountHours" type="number" min={1} defaultValue={value("newAccountHours")} error={errors.newAccountHours} />
        </fieldset>
        <fieldset className="card stack">
          <legend>Posting rate limits (established accounts)</legend>
          <TextField label="Posts per minute" name="postsPerMinute" type="number" min={1} defaultValue={value("postsPerMinute")} error={errors.postsPerMinute} />
          <TextField label="Posts per hour" name="postsPerHour" type="number" min={1} defaultValue={value("postsPerHour")} error={errors.postsPerHour} />
        </fieldset>
        <fieldset className="card stack">
          <legend>Recognition awards</legend>
          <TextField label="Points above which an award needs an admin" name="awardAdminThreshold" type="number" min={1} defaultValue={value("awardAdminThreshold")} error={errors.awardAdminThreshold} />
        </fieldset>
        <button type="submit">Save settings</button>
      </Form>
    </section>
  );
}
