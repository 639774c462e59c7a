import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { FormAlert, SelectField, TextAreaField, TextField } from "../components/forms";
import { CheckboxGroup } from "../components/mentoring/checkbox-group";
import { mentoringLinks } from "../components/mentoring/links";
import { SuggestionCard } from "../components/mentoring/suggestion-card";
import { getUser } from "../domain/accounts/users.server";
import { DomainError } from "../domain/errors";
import { findMentors } from "../domain/mentoring/matching.server";
import { expertiseVocabulary } from "../domain/mentoring/profiles.server";
import { requestMentorship } from "../domain/mentoring/requests.server";
import { formInput, menteeNeedsSchema, parseInput } from "../domain/mentoring/validation";
import { MENTORING_SEGMENTS, URGENCIES, urgencyLabels } from "../domain/mentoring/vocabulary";
import type { FieldErrors } from "../utils/forms";
import { formValues } from "../utils/forms";
import { asHttpError, authorizeRequest, refusal, requireUser, type ActionFailure } from "../utils/http.server";

export const meta: MetaFunction = () => [{ title: "Find a mentor · Partner Community" }];
export const links = mentoringLinks;

const timeZones = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : ["UTC"];
const LIST_FIELDS = ["topics"] as const;

/** The mentee's needs travel in the query string, so a result page can be reloaded or shared. */
function needsFromUrl(url: URL) {
  const formData = new FormData();
  for (const [key, value] of url.searchParams) formData.append(key, value);
  return formInput(formData, LIST_FIELDS);
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  authorizeRequest(user, "mentoring.find", undefined);
  const url = new URL(request.url);
  const [row, vocabulary] = await Promise.all([getUser(context.db, user.id).catch(asHttpError), expertiseVocabulary(context.db)]);
  const submitted = url.searchParams.has("timeZone");
  const raw = needsFromUrl(url);
  const defaults = {
    goals: "",
    topics: [] as string[],
    languages: row.languages.join(", "),
    languageRequired: false,
    timeZone: row.time_zone,
    segment: "",
    urgency: "normal",
  };
  let errors: FieldErrors = {};
  let suggestions: Awaited<ReturnType<typeof findMentors>> | null = null;
  if (submitted) {
    const parsed = parseInput(menteeNeedsSchema, raw);
    if (!parsed.ok) errors = parsed.errors;
    else {
      try {
        suggestions = await findMentors(context.db, user, raw);
      } catch (error) {
        if (!(error instanceof DomainError) || error.status !== 400) throw error;
        errors = { [error.field ?? "form"]: error.message };
      }
    }
  }
  const form = submitted
    ? {
        ...defaults,
        goals: String(raw.goals ?? ""),
        topics: (raw.topics as string[] | undefined) ?? [],
        languages: String(raw.languages ?? ""),
        languageRequired: raw.languageRequired === "on",
        timeZone: String(raw.timeZone ?? defaults.timeZone),
        segment: String(raw.segment ?? ""),
        urgency: String(raw.urgency ?? "normal"),
      }
    : defaults;
  return {
    form,
    errors,
    suggestions,
    vocabulary,
    timeZones: timeZones.includes("UTC") ? timeZones : ["UTC", ...timeZones],
    query: url.search,
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const formData = await request.formData();
  try {
    const mentorship = await requestMentorship(context.db, user, formInput(formData, LIST_FIELDS));
    throw redirect(`/mentoring/m/${mentorship.public_id}`);
  } catch (error) {
    if (error instanceof Response) throw error;
    return refusal(error, formValues(formData));
  }
}

export default function FindMentor() {
  const { form, errors, suggestions, vocabulary, timeZones } = useLoaderData<typeof loader>();
  const failure = useActionData<ActionFailure>();
  const navigation = useNavigation();
  const searching = navigation.state === "loading" && navigation.location?.pathname === "/mentoring/find";
  return (
    <section className="stack">
      <p>
        <a href="/mentoring">← Mentoring</a>
      </p>
      <h1>Find a mentor</h1>
      <p className="muted">Say what you need; we rank mentors who have places free and show why each one fits.</p>
      <FormAlert message={errors.form} />
      <Form method="get" className="form" noValidate aria-label="What you need">
        <TextAreaField label="Your goals" name="goals" rows={3} defaultValue={form.goals} error={errors.goals} hint="What would you like to be able to do after the mentorship?" />
        <CheckboxGroup legend="Topics you want help with" name="topics" options={vocabulary} checked={form.topics} error={errors.topics} />
        <TextField label="Preferred languages" name="languages" defaultValue={form.languages} error={errors.languages} hint="Separate with commas." />
        <label className="check">
          <input type="checkbox" name="languageRequired" defaultChecked={form.languageRequired} />
          Only show mentors who speak one of these languages
        </label>
        <SelectField label="Your time zone" name="timeZone" defaultValue={form.timeZone} error={errors.timeZone}>
          {timeZones.map((zone) => (
            <option key={zone} value={zone}>
              {zone.replaceAll("_", " ")}
            </option>
          ))}
        </SelectField>
        <SelectField label="Segment you work in" name="segment" defaultValue={form.segment} error={errors.segment}>
          <option value="">No particular segment</option>
          {MENTORING_SEGMENTS.map((segment) => (
            <option key={segment} value={segment}>
              {segment}
            </option>
          ))}
        </SelectField>
        <SelectField label="How soon do you need help?" name="urgency" defaultValue={form.urgency} error={errors.urgency}>
          {URGENCIES.map((urgency) => (
            <option key={urgency} value={urgency}>
              {urgencyLabels[urgency]}
            </option>
          ))}
        </SelectField>
        <div>
          <button type="submit" disabled={searching}>
            {searching ? "Finding mentors…" : "Find mentors"}
          </button>
        </div>
      </Form>
      {suggestions ? (
        <section className="stack" aria-labelledby="suggestions-heading">
          <h2 id="suggestions-heading">Suggested mentors</h2>
          {suggestions.length === 0 ? (
            <p className="muted">No mentor with free places matches yet. Try fewer topics or no language requirement.</p>
          ) : (
            <ol className="suggestion-list">
              {suggestions.map((suggestion, index) => {
                const mine = failure?.values.mentorId === suggestion.card.userId ? failure : undefined;
                return (
                  <SuggestionCard key={suggestion.card.userId} suggestion={suggestion} rank={index + 1}>
                    <details open={Boolean(mine)}>
                      <summary>Ask {suggestion.card.displayName} to mentor you</summary>
                      <Form method="post" className="form">
                        <input type="hidden" name="mentorId" value={suggestion.card.userId} />
                        <input type="hidden" name="goals" value={form.goals} />
                        {form.topics.map((topic) => (
                          <input key={topic} type="hidden" name="topics" value={topic} />
                        ))}
                        <input type="hidden" name="languages" value={form.languages} />
                        <input type="hidden" name="timeZone" value={form.timeZone} />
                        <input type="hidden" name="segment" value={form.segment} />
                        <input type="hidden" name="urgency" value={form.urgency} />
                        <FormAlert message={mine?.errors.mentorId ?? mine?.errors.form ?? firstOther(mine?.errors)} />
                        <TextAreaField
                          label={`Message to ${suggestion.card.displayName}`}
                          name="message"
                          rows={4}
                          required
                          defaultValue={mine?.values.message ?? ""}
                          error={mine?.errors.message}
                          hint="Introduce yourself and say what you hope to get from the mentorship."
                        />
                        <div>
                          <button type="submit">Send request</button>
                        </div>
                      </Form>
                    </details>
                  </SuggestionCard>
                );
              })}
            </ol>
          )}
        </section>
      ) : null}
    </section>
  );
}

/** A refusal about a needs field (carried in hidden inputs) is shown at the top of the card. */
function firstOther(errors: FieldErrors | undefined) {
  if (!errors) return undefined;
  const entry = Object.entries(errors).find(([field]) => field !== "message" && field !== "mentorId" && field !== "form");
  return entry?.[1];
}
