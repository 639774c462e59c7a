import { Form } from "@remix-run/react";
import type { FieldErrors } from "../../utils/forms";
import { FormAlert, SelectField, TextAreaField } from "../forms";
import { RelativeTime } from "../time";
import { END_REASONS, endReasonLabels } from "../../domain/mentoring/validation";
import type { SpaceView } from "./space";

/** Private notes, rendered and sanitized when saved. */
export function Notes({ space, errors, values }: { space: SpaceView; errors: FieldErrors; values: Record<string, string> }) {
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

/** Either side ends an active mentorship, saying why. */
export function EndForm({ other, errors, values }: { other: string; errors: FieldErrors; values: Record<string, string> }) {
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
