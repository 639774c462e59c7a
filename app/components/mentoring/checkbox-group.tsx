/** A labelled group of checkboxes sharing one name; the error names the group. */
export function CheckboxGroup({
  legend,
  name,
  options,
  checked,
  error,
  hint,
}: {
  legend: string;
  name: string;
  options: readonly string[];
  checked: readonly string[];
  error?: string;
  hint?: string;
}) {
  const errorId = `${name}-error`;
  const hintId = `${name}-hint`;
  return (
    <fieldset className="checkbox-group" aria-describedby={[hint ? hintId : null, error ? errorId : null].filter(Boolean).join(" ") || undefined}>
      <legend>{legend}</legend>
      {hint ? (
        <p className="field-hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {options.map((option) => (
        <label key={option}>
          <input type="checkbox" name={name} value={option} defaultChecked={checked.includes(option)} />
          {option}
        </label>
      ))}
      {error ? (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
