import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { FormAlert, SelectField, TextAreaField, TextField } from "../components/forms";
import { getUser, updateProfile } from "../domain/accounts/users.server";
import { profileSchema } from "../domain/accounts/validation";
import { parseForm } from "../utils/forms";
import { asHttpError, authorizeRequest, invalid, refusal, requireUser, type ActionFailure } from "../utils/http.server";

export const meta: MetaFunction = () => [{ title: "Your profile · Partner Community" }];

const timeZones = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : ["UTC"];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const row = await getUser(context.db, user.id).catch(asHttpError);
  return {
    profile: {
      displayName: row.display_name,
      handle: row.handle,
      email: row.email,
      title: row.title,
      bio: row.bio,
      timeZone: row.time_zone,
      languages: row.languages.join(", "),
    },
    timeZones: timeZones.includes("UTC") ? timeZones : ["UTC", ...timeZones],
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  authorizeRequest(user, "profile.edit", { id: user.id });
  const form = parseForm(profileSchema, await request.formData());
  if (!form.ok) return invalid(form.errors, form.values);
  try {
    await updateProfile(context.db, user.id, form.data);
    return data({ saved: true as const });
  } catch (error) {
    return refusal(error, form.values);
  }
}

export default function ProfileSettings() {
  const { profile, timeZones } = useLoaderData<typeof loader>();
  const result = useActionData<ActionFailure | { saved: true }>();
  const failure = result && "errors" in result ? result : undefined;
  const errors = failure?.errors ?? {};
  const values = failure?.values ?? {};
  const submitting = useNavigation().state === "submitting";
  return (
    <section className="stack">
      <h1>Your profile</h1>
      <p className="muted">
        Signed in as {profile.email} · @{profile.handle}
      </p>
      {result && "saved" in result ? (
        <div className="alert alert-success" role="status">
          Profile saved.
        </div>
      ) : null}
      <FormAlert message={errors.form} />
      <Form method="post" className="form" noValidate>
        <TextField label="Display name" name="displayName" required defaultValue={values.displayName ?? profile.displayName} error={errors.displayName} />
        <TextField label="Title" name="title" defaultValue={values.title ?? profile.title} error={errors.title} hint="For example “Solutions architect”." />
        <TextAreaField label="Bio" name="bio" rows={5} defaultValue={values.bio ?? profile.bio} error={errors.bio} hint="What you work on and what partners can ask you about." />
        <SelectField label="Time zone" name="timeZone" defaultValue={values.timeZone ?? profile.timeZone} error={errors.timeZone}>
          {timeZones.map((zone) => (
            <option key={zone} value={zone}>
              {zone.replaceAll("_", " ")}
            </option>
          ))}
        </SelectField>
        <TextField label="Languages" name="languages" defaultValue={values.languages ?? profile.languages} error={errors.languages} hint="Separate with commas, for example “English, Spanish”." />
        <div>
          <button type="submit" disabled={submitting}>
            {submitting ? "Saving…" : "Save profile"}
          </button>
        </div>
      </Form>
    </section>
  );
}
