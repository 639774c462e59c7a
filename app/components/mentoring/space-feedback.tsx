import { Form } from "@remix-run/react";
import type { FieldErrors } from "../../utils/forms";
import { FormAlert, TextAreaField } from "../forms";
import type { SpaceView } from "./space";

/** One rating each after the end; the other side's shows once one's own is in. */
export function Feedback({ space, other, errors, values }: { space: SpaceView; other: string; errors: FieldErrors; values: Record<string, string> }) {
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
