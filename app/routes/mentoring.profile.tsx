import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { FormAlert, SelectField, TextAreaField, TextField } from "../components/forms";
import { CheckboxGroup } from "../components/mentoring/checkbox-group";
import { mentoringLinks } from "../components/mentoring/links";
import { getUser } from "../domain/accounts/users.server";
import { expertiseVocabulary, getMentorProfile, saveMentorProfile } from "../domain/mentoring/profiles.server";
import { formInput } from "../domain/mentoring/validation";
import { MENTORING_SEGMENTS } from "../domain/mentoring/vocabulary";
import { formValues } from "../utils/forms";
import { asHttpError, authorizeRequest, refusal, requireUser, type ActionFailure } from "../utils/http.server";

export const meta: MetaFunction = () => [{ title: "Your mentor profile · Partner Community" }];
export const links = mentoringLinks;

const timeZones = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : ["UTC"];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const [row, profile, vocabulary] = await Promise.all([
    getUser(context.db, user.id).catch(asHttpError),
    getMentorProfile(context.db, user.id),
    expertiseVocabulary(context.db),
  ]);
  return {
    // A first profile starts from what the person's own profile already says.
    profile: {
      exists: Boolean(profile),
      accepting: profile?.accepting ?? true,
      capacity: profile?.capacity ?? 2,
      topics: profile?.topics ?? row.expertise,
      languages: (profile?.languages ?? row.languages).join(", "),
      timeZone: profile?.time_zone ?? row.time_zone,
      segments: profile?.segments ?? [],
      pitch: profile?.pitch ?? "",
    },
    vocabulary: [...new Set([...vocabulary, ...row.expertise])],
    timeZones: timeZones.includes("UTC") ? timeZones : ["UTC", ...timeZones],
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  authorizeRequest(user, "mentoring.offer", undefined);
  const formData = await request.formData();
  try {
    await saveMentorProfile(context.db, user, formInput(formData, ["topics", "segments"]));
    return data({ saved: true as const });
  } catch (error) {
    return refusal(error, formValues(formData));
  }
}

export default function MentorProfile() {
  const { profile, vocabulary, timeZones } = useLoaderData<typeof loader>();
  const result = useActionData<ActionFailure | { saved: true }>();
  const failure = result && "errors" in result ? result : undefined;
  const errors = failure?.errors ?? {};
  const values = failure?.values ?? {};
  const submitting = useNavigation().state === "submitting";
  return (
    <section className="stack">
      <p>
        <a href="/mentoring">← Mentoring</a>
      </p>
      <h1>Your mentor profile</h1>
      <p className="muted">Mentees find you by these answers. You can stop accepting new mentees at any time; current mentorships carry on.</p>
      {result && "saved" in result ? (
        <div className="alert alert-success" role="status">
          Mentor profile saved.
        </div>
      ) : null}
      <FormAlert message={errors.form} />
      <Form method="post" className="form" noValidate>
        <label className="check">
          <input type="checkbox" name="accepting" defaultChecked={values.accepting !== undefined ? true : profile.accepting} />
          Accepting new mentees
        </label>
        <TextField
          label="Capacity"
          name="capacity"
          type="number"
          min={0}
          max={20}
          inputMode="numeric"
          defaultValue={values.capacity ?? String(profile.capacity)}
          error={errors.capacity}
          hint="How many active mentees you can take at once."
        />
        <CheckboxGroup legend="Topics you can help with" name="topics" options={vocabulary} checked={profile.topics} error={errors.topics} hint="From the community's expertise list." />
        <TextField label="Languages" name="languages" defaultValue={values.languages ?? profile.languages} error={errors.languages} hint="Separate with commas, for example “English, Spanish”." />
        <SelectField label="Time zone" name="timeZone" defaultValue={values.timeZone ?? profile.timeZone} error={errors.timeZone}>
          {timeZones.map((zone) => (
            <option key={zone} value={zone}>
              {zone.replaceAll("_", " ")}
            </option>
          ))}
        </SelectField>
        <CheckboxGroup legend="Segments you know" name="segments" options={MENTORING_SEGMENTS} checked={profile.segments} error={errors.segments} hint="Community-sector customers you have worked with." />
        <TextAreaField label="Pitch" name="pitch" rows={4} maxLength={600} defaultValue={values.pitch ?? profile.pitch} error={errors.pitch} hint="A few sentences: what you have done and how you like to mentor." />
        <div>
          <button type="submit" disabled={submitting}>
            {submitting ? "Saving…" : profile.exists ? "Save mentor profile" : "Become a mentor"}
          </button>
        </div>
      </Form>
    </section>
  );
}
