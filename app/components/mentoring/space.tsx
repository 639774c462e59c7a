import { Form } from "@remix-run/react";
import type { FieldErrors } from "../../utils/forms";
import { FormAlert, TextAreaField } from "../forms";
import { RelativeTime } from "../time";
import { Feedback } from "./space-feedback";
import { EndForm, Notes } from "./space-notes";
import { Sessions } from "./space-sessions";
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
