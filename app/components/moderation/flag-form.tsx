import { flagReasonLabels, flagReasons } from "../../domain/moderation/flag-weight";

/** The fields of a flag, shared by the dialog and the no-JavaScript page. */
export function FlagFields({ postId, errors = {}, values = {} }: { postId: string; errors?: Partial<Record<string, string>>; values?: Record<string, string> }) {
  const noteId = `flag-note-${postId}`;
  return (
    <>
      <input type="hidden" name="postId" value={postId} />
      <fieldset className="stack-tight" aria-describedby={errors.reason ? `flag-reason-error-${postId}` : undefined}>
        <legend>Why should moderators look at this post?</legend>
        {flagReasons.map((reason) => (
          <label key={reason} className="cluster" style={{ gap: "var(--space-2)" }}>
            <input type="radio" name="reason" value={reason} defaultChecked={values.reason === reason} required />
            {flagReasonLabels[reason]}
          </label>
        ))}
        {errors.reason ? (
          <p className="field-error" id={`flag-reason-error-${postId}`}>
            {errors.reason}
          </p>
        ) : null}
      </fieldset>
      <div className="field">
        <label htmlFor={noteId}>Note for the moderators (needed for “Something else”)</label>
        <textarea
          id={noteId}
          name="note"
          rows={3}
          maxLength={500}
          defaultValue={values.note}
          aria-invalid={errors.note ? true : undefined}
          aria-describedby={errors.note ? `${noteId}-error` : undefined}
        />
        {errors.note ? (
          <p className="field-error" id={`${noteId}-error`}>
            {errors.note}
          </p>
        ) : null}
      </div>
    </>
  );
}
