import { Form } from "@remix-run/react";
import type { FieldErrors } from "../../utils/forms";
import { FormAlert, TextAreaField, TextField } from "../forms";
import type { SpaceView } from "./space";

/** The session log: each side confirms what the other logged; a session counts once both have. */
export function Sessions({ space, errors, values, confirmError }: { space: SpaceView; errors: FieldErrors; values: Record<string, string>; confirmError: FieldErrors }) {
  const { role, sessions, mentorship: m } = space;
  const mySide = role === "mentor" ? "mentor_confirmed_at" : "mentee_confirmed_at";
  return (
    <section className="stack" aria-labelledby="sessions-heading">
      <h2 id="sessions-heading">Session log</h2>
      <FormAlert message={confirmError.sessionId ?? confirmError.form} />
      {sessions.length === 0 ? <p className="muted">No sessions logged yet.</p> : null}
      <ul className="session-list">
        {sessions.map((s) => (
          <li key={s.id} className={s.confirmed_at ? "card stack-tight" : "card stack-tight session-pending"}>
            <div className="spread">
              <strong>
                {s.held_on} · {s.duration_minutes} minutes
              </strong>
              <span className="status">{s.confirmed_at ? "Confirmed by both" : "Waiting for confirmation"}</span>
            </div>
            {s.topics.length ? <span className="muted">{s.topics.join(", ")}</span> : null}
            {s.summary ? <p>{s.summary}</p> : null}
            {role !== "admin" && !s[mySide] ? (
              <Form method="post">
                <input type="hidden" name="intent" value="confirm-session" />
                <input type="hidden" name="sessionId" value={s.id} />
                <button type="submit">
                  Confirm session<span className="visually-hidden"> of {s.held_on}</span>
                </button>
              </Form>
            ) : null}
          </li>
        ))}
      </ul>
      {m.status === "active" && role !== "admin" ? (
        <details open={Object.keys(errors).length > 0}>
          <summary>Log a session</summary>
          <Form method="post" className="form">
            <input type="hidden" name="intent" value="log-session" />
            <FormAlert message={errors.form} />
            <TextField label="Date" name="heldOn" type="date" max={space.today} defaultValue={values.heldOn ?? space.today} error={errors.heldOn} />
            <TextField label="Length in minutes" name="durationMinutes" type="number" min={5} max={600} defaultValue={values.durationMinutes ?? "60"} error={errors.durationMinutes} />
            <fieldset className="checkbox-group">
              <legend>Topics covered</legend>
              {m.topics.map((topic) => (
                <label key={topic}>
                  <input type="checkbox" name="topics" value={topic} defaultChecked />
                  {topic}
                </label>
              ))}
              {errors.topics ? <p className="field-error">{errors.topics}</p> : null}
            </fieldset>
            <TextAreaField label="Summary (optional)" name="summary" rows={2} defaultValue={values.summary ?? ""} error={errors.summary} />
            <div>
              <button type="submit">Log session</button>
            </div>
          </Form>
        </details>
      ) : null}
    </section>
  );
}
