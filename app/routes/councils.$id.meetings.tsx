import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ConfidentialNote, CouncilNav } from "../components/councils/council-nav";
import { FormAlert, TextField } from "../components/forms";
import { requireCouncil } from "../domain/councils/councils.server";
import { listMeetings, scheduleMeeting } from "../domain/councils/meetings.server";
import { formatInZone } from "../domain/councils/time";
import { can } from "../domain/policy.server";
import { formValues } from "../utils/forms";
import { asHttpError, refusal, requireUser, type ActionFailure } from "../utils/http.server";

export const meta: MetaFunction = () => [{ title: "Meetings · Council · Partner Community" }];

export async function loader({ params, context }: LoaderFunctionArgs) {
  const council = await requireCouncil(context.db, context.user, params.id ?? "").catch(asHttpError);
  const meetings = await listMeetings(context.db, context.user, council.id);
  return {
    council: { id: council.id, name: council.name },
    meetings: meetings.map((m) => ({ ...m, when: formatInZone(new Date(m.starts_at), m.time_zone) })),
    mayChair: can(context.user, "council.chair", { councilId: council.id }),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const council = await requireCouncil(context.db, user, params.id ?? "").catch(asHttpError);
  const values = formValues(await request.formData());
  try {
    const meeting = await scheduleMeeting(context.db, user, council.id, values);
    return redirect(`/councils/meetings/${meeting.id}`);
  } catch (error) {
    return refusal(error, values);
  }
}

export default function Meetings() {
  const { council, meetings, mayChair } = useLoaderData<typeof loader>();
  const failure = useActionData<ActionFailure>();
  const errors = failure?.errors ?? {};
  const values = failure?.values ?? {};
  return (
    <section className="stack">
      <h1>{council.name}</h1>
      <CouncilNav councilId={council.id} name={council.name} />
      <ConfidentialNote />
      <h2>Meetings</h2>
      {meetings.length ? (
        <ul>
          {meetings.map((meeting) => (
            <li key={meeting.id}>
              <Link to={`/councils/meetings/${meeting.id}`}>{meeting.title}</Link> · {meeting.when}
              {meeting.minutes_published_at ? " · minutes published" : ""}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">No meetings yet.</p>
      )}
      {mayChair ? (
        <section className="card stack" aria-labelledby="schedule-heading">
          <h2 id="schedule-heading">Schedule a meeting</h2>
          <FormAlert message={errors.form} />
          <Form method="post" className="form" noValidate>
            <TextField label="Title" name="title" required defaultValue={values.title} error={errors.title} />
            <TextField label="Date and time" name="startsAt" type="datetime-local" required defaultValue={values.startsAt} error={errors.startsAt} hint="In the meeting's time zone below." />
            <TextField label="Time zone" name="timeZone" required defaultValue={values.timeZone ?? "Europe/London"} error={errors.timeZone} hint="For example Europe/Paris or America/New_York." />
            <TextField label="Location" name="location" defaultValue={values.location} error={errors.location} />
            <TextField label="Call link" name="callLink" type="url" defaultValue={values.callLink} error={errors.callLink} hint="Give a location, a call link, or both." />
            <div>
              <button type="submit">Schedule meeting</button>
            </div>
          </Form>
        </section>
      ) : null}
    </section>
  );
}
