import { Form } from "@remix-run/react";
import type { FieldErrors } from "../../utils/forms";
import { FormAlert, SelectField, TextAreaField, TextField } from "../forms";
import { RelativeTime } from "../time";
import { END_REASONS, endReasonLabels } from "../../domain/mentoring/validation";
import { urgencyLabels, type Urgency } from "../../domain/mentoring/vocabulary";

type When = string | Date;

export interface SpaceView {
  viewerId: string;
  today: string;
  role: "mentor" | "mentee" | "admin";
  mentorship: {
    status: string;
    message: string;
    goals: string;
    topics: string[];
    languages: string[];
    urgency: string;
    decline_reason: string | null;
    end_reason: string | null;
    end_note: string | null;
    requested_at: When;
    expires_at: When;
    started_at: When | null;
    ended_at: When | null;
    mentor_id: string;
    mentee_id: string;
    mentor_name: string;
    mentor_handle: string;
    mentee_name: string;
    mentee_handle: string;
  };
  notes: { id: number; body_html: string; created_at: When; author_name: string | null }[];
  sessions: {
    id: number;
    held_on: string;
    duration_minutes: number;
    topics: string[];
    summary: string;
    mentor_confirmed_at: When | null;
    mentee_confirmed_at: When | null;
    confirmed_at: When | null;
  }[];
  feedback: {
    mine: { rating: number; comment: string } | null;
    theirs: { rating: number; comment: string } | null;
    theirsGiven: boolean;
    all?: { author_id: string; rating: number; comment: string }[];
  };
}

export interface SpaceFailure {
  errors: FieldErrors;
  values: Record<string, string>;
}

const doneWords: Record<string, string> = {
  accept: "Request accepted. The mentorship is active.",
  decline: "Request declined.",
  withdraw: "Request withdrawn.",
  note: "Note added.",
  "log-session": "Session logged. It counts once the other side confirms it.",
  "confirm-session": "Session confirmed.",
  end: "Mentorship ended. Please leave your feedback below.",
  feedback: "Thank you for your feedback.",
};

export function MentorshipSpace({ space, result }: { space: SpaceView; result?: SpaceFailure | { done: string } }) {
  const { mentorship: m, role } = space;
  const failure = result && "errors" in result ? result : undefined;
  const errorsFor = (intent: string) => (failure?.values.intent === intent ? failure.errors : {});
  const valuesFor = (intent: string) => (failure?.values.intent === intent ? failure.values : {});
  const party = role !== "admin";
  const other = role === "mentor" ? m.mentee_name : m.mentor_name;
  return (
    <article className="stack">
      <p>
        <a href="/mentoring">← Mentoring</a>
      </p>
      <h1>
        Mentorship: {m.mentor_name} and {m.mentee_name}
      </h1>
      <p className="muted">
        <a href={`/u/${m.mentor_handle}`}>{m.mentor_name}</a> mentors <a href={`/u/${m.mentee_handle}`}>{m.mentee_name}</a> · {statusLine(m)}
      </p>
      {result && "done" in result ? (
        <div className="alert alert-success" role="status">
          {doneWords[result.done] ?? "Saved."}
        </div>
      ) : null}
      {failure && !Object.keys(failure.errors).some((field) => field !== "form") ? <FormAlert message={failure.errors.form} /> : null}

      <section className="card stack-tight" aria-labelledby="request-heading">
        <h2 id="request-heading">The request</h2>
        {m.goals ? (
          <p>
            <strong>Goals:</strong> {m.goals}
          </p>
        ) : null}
        {m.topics.length ? (
          <p>
            <strong>Topics:</strong> {m.topics.join(", ")}
          </p>
        ) : null}
        <p>
          <strong>Urgency:</strong> {urgencyLabels[m.urgency as Urgency] ?? m.urgency}
          {m.languages.length ? ` · Languages: ${m.languages.join(", ")}` : ""}
        </p>
        <blockquote>{m.message}</blockquote>
        {m.decline_reason ? <p>Reason given: {m.decline_reason}</p> : null}
      </section>

      {m.status === "requested" && role === "mentor" ? <Answer errors={errorsFor("decline")} values={valuesFor("decline")} acceptError={errorsFor("accept").form} /> : null}
      {m.status === "requested" && role === "mentee" ? (
        <Form method="post" className="cluster">
          <input type="hidden" name="intent" value="withdraw" />
          <p className="muted">
            Waiting for {m.mentor_name}. The request expires <RelativeTime date={m.expires_at} /> if unanswered.
          </p>
          <button type="submit" className="button-quiet">
            Withdraw request
          </button>
        </Form>
      ) : null}

      {m.status === "active" || m.status === "ended" ? (
        <>
          <Sessions space={space} errors={errorsFor("log-session")} values={valuesFor("log-session")} confirmError={errorsFor("confirm-session")} />
          <Notes space={space} errors={errorsFor("note")} values={valuesFor("note")} />
        </>
      ) : null}

      {m.status === "active" && party ? <EndForm other={other} errors={errorsFor("end")} values={valuesFor("end")} /> : null}
      {m.status === "ended" ? <Feedback space={space} other={other} errors={errorsFor("feedback")} values={valuesFor("feedback")} /> : null}
    </article>
  );
}

function statusLine(m: SpaceView["mentorship"]) {
  switch (m.status) {
    case "requested":
      return "waiting for an answer";
    case "active":
      return "active";
    case "ended":
      return m.end_reason === "completed" ? "completed" : m.end_reason === "not_a_good_fit" ? "ended: not a good fit" : "ended";
    default:
      return m.status;
  }
}

function Answer({ errors, values, acceptError }: { errors: FieldErrors; values: Record<string, string>; acceptError?: string }) {
  return (
    <section className="card stack" aria-labelledby="answer-heading">
      <h2 id="answer-heading">Your answer</h2>
      <FormAlert message={acceptError ?? errors.form} />
      <Form method="post">
        <input type="hidden" name="intent" value="accept" />
        <button type="submit">Accept request</button>
      </Form>
      <Form method="post" className="form">
        <input type="hidden" name="intent" value="decline" />
        <TextAreaField label="Reason for declining (optional)" name="reason" rows={2} defaultValue={values.reason ?? ""} error={errors.reason} />
        <div>
          <button type="submit" className="button-quiet">
            Decline request
          </button>
        </div>
      </Form>
    </section>
  );
}

function Sessions({ space, errors, values, confirmError }: { space: SpaceView; errors: FieldErrors; values: Record<string, string>; confirmError: FieldErrors }) {
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

function Notes({ space, errors, values }: { space: SpaceView; errors: FieldErrors; values: Record<string, string> }) {
  return (
    <section className="stack" aria-labelledby="notes-heading">
      <h2 id="notes-heading">Private notes</h2>
      <p className="muted">Only the two of you (and programme admins) can read these.</p>
      {space.notes.length === 0 ? <p className="muted">No notes yet.</p> : null}
      <ul className="note-list">
        {space.notes.map((note) => (
          <li key={note.id} className="card stack-tight">
            <span className="muted">
              {note.author_name ?? "Former member"} · <RelativeTime date={note.created_at} />
            </span>
            {/* Sanitized by the Markdown pipeline when saved. */}
            <div className="prose" dangerouslySetInnerHTML={{ __html: note.body_html }} />
          </li>
        ))}
      </ul>
      {space.mentorship.status === "active" && space.role !== "admin" ? (
        <Form method="post" className="form">
          <input type="hidden" name="intent" value="note" />
          <TextAreaField label="Add a note" name="body" rows={4} defaultValue={values.body ?? ""} error={errors.body ?? errors.form} hint="Markdown works: **bold**, lists, links." />
          <div>
            <button type="submit">Save note</button>
          </div>
        </Form>
      ) : null}
    </section>
  );
}

function EndForm({ other, errors, values }: { other: string; errors: FieldErrors; values: Record<string, string> }) {
  return (
    <details className="card" open={Object.keys(errors).length > 0}>
      <summary>End the mentorship</summary>
      <Form method="post" className="form">
        <input type="hidden" name="intent" value="end" />
        <FormAlert message={errors.form} />
        <SelectField label="Why is it ending?" name="reason" defaultValue={values.reason ?? "completed"} error={errors.reason}>
          {END_REASONS.map((reason) => (
            <option key={reason} value={reason}>
              {endReasonLabels[reason]}
            </option>
          ))}
        </SelectField>
        <TextAreaField label={`A note for ${other} (optional)`} name="note" rows={2} defaultValue={values.note ?? ""} error={errors.note} />
        <div>
          <button type="submit" className="button-danger">
            End mentorship
          </button>
        </div>
      </Form>
    </details>
  );
}

function Feedback({ space, other, errors, values }: { space: SpaceView; other: string; errors: FieldErrors; values: Record<string, string> }) {
  const { feedback, role } = space;
  if (role === "admin") {
    return (
      <section className="stack" aria-labelledby="feedback-heading">
        <h2 id="feedback-heading">Feedback</h2>
        {(feedback.all ?? []).length === 0 ? <p className="muted">No feedback yet.</p> : null}
        <ul>
          {(feedback.all ?? []).map((f) => (
            <li key={f.author_id}>
              {f.author_id === space.mentorship.mentor_id ? "Mentor" : "Mentee"}: {f.rating}/5 {f.comment}
            </li>
          ))}
        </ul>
      </section>
    );
  }
  return (
    <section className="stack" aria-labelledby="feedback-heading">
      <h2 id="feedback-heading">Feedback</h2>
      {feedback.mine ? (
        <p>
          You rated {other} {feedback.mine.rating}/5{feedback.mine.comment ? `: “${feedback.mine.comment}”` : "."}
        </p>
      ) : (
        <Form method="post" className="form">
          <input type="hidden" name="intent" value="feedback" />
          <FormAlert message={errors.form} />
          <fieldset className="stack-tight" aria-describedby={errors.rating ? "rating-error" : undefined}>
            <legend>How was the mentorship with {other}?</legend>
            <div className="cluster">
              {[1, 2, 3, 4, 5].map((rating) => (
                <label key={rating} className="check">
                  <input type="radio" name="rating" value={rating} defaultChecked={values.rating === String(rating)} />
                  {rating}
                </label>
              ))}
            </div>
            <p className="field-hint">1 is poor, 5 is excellent.</p>
            {errors.rating ? (
              <p className="field-error" id="rating-error">
                {errors.rating}
              </p>
            ) : null}
          </fieldset>
          <TextAreaField label="Comment (optional)" name="comment" rows={3} defaultValue={values.comment ?? ""} error={errors.comment} />
          <div>
            <button type="submit">Send feedback</button>
          </div>
        </Form>
      )}
      {feedback.theirs ? (
        <p>
          {other} rated the mentorship {feedback.theirs.rating}/5{feedback.theirs.comment ? `: “${feedback.theirs.comment}”` : "."}
        </p>
      ) : feedback.theirsGiven ? (
        <p className="muted">{other} has left feedback; you will see it once you leave yours.</p>
      ) : (
        <p className="muted">Waiting for {other}'s feedback.</p>
      )}
    </section>
  );
}
