import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { FormAlert, TextField } from "../components/forms";
import { RelativeTime } from "../components/time";
import { DefinitionFields } from "../components/recognition/definition-fields";
import { ruleSetFormValues, ruleSetFromForm, ruleVersionHistory, MAX_NOTE_LENGTH } from "../domain/recognition/rule-settings.server";
import { currentRules, publishRules } from "../domain/recognition/rules.server";
import { ruleKeys, ruleLabels } from "../domain/recognition/rules";
import { formValues } from "../utils/forms";
import { authorizeRequest, invalid, refusal, requireUser, type ActionFailure } from "../utils/http.server";

export const meta: MetaFunction = () => [{ title: "Recognition rules · Admin · Partner Community" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  authorizeRequest(user, "recognition.manageRules", undefined, { hide: true });
  const [current, history] = await Promise.all([currentRules(context.db), ruleVersionHistory(context.db)]);
  return { version: current.version, values: ruleSetFormValues(current.rules), history, noteMaxLength: MAX_NOTE_LENGTH };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = requireUser(context, request);
  authorizeRequest(actor, "recognition.manageRules", undefined, { hide: true });
  const values = formValues(await request.formData());
  const form = ruleSetFromForm(values);
  if (!form.ok) return invalid(form.errors, values);
  try {
    const published = await publishRules(context.db, actor, { rules: form.rules, note: form.note });
    context.log.info({ version: published.version, actorId: actor.id }, "recognition rules published");
    return data({ done: `Version ${published.version} is in force from now on. Earlier points keep the rules they were earned under.` });
  } catch (error) {
    return refusal(error, values);
  }
}

export default function AdminRecognition() {
  const { version, values: current, history, noteMaxLength } = useLoaderData<typeof loader>();
  const result = useActionData<ActionFailure | { done: string }>();
  const failure = result && "errors" in result ? result : undefined;
  // After a refusal the form shows what was typed; after a save, the newly published values.
  const values = failure?.values ?? current;
  const errors = failure?.errors ?? {};
  const field = (name: string) => ({ name, defaultValue: values[name] ?? "", error: errors[name] });
  return (
    <section className="stack">
      <h1>Recognition rules, badges and levels</h1>
      <p className="muted">
        In force: version {version}. Saving publishes a new version that applies from now on; points already earned keep the version that
        produced them, and a rebuild replays each event with the rules of its time.
      </p>
      <FormAlert message={failure ? (errors.form ?? "Some values need fixing; see the marked fields.") : undefined} />
      {result && "done" in result ? (
        <div className="alert alert-success" role="status">
          {result.done}
        </div>
      ) : null}
      <Form method="post" className="stack" noValidate key={version}>
        <fieldset className="stack-tight">
          <legend>Points per action</legend>
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">Point rules</caption>
              <thead>
                <tr>
                  <th scope="col">Action</th>
                  <th scope="col">Points</th>
                  <th scope="col">Daily cap (empty: none)</th>
                  <th scope="col">On</th>
                </tr>
              </thead>
              <tbody>
                {ruleKeys.map((key) => {
                  const points = field(`${key}.points`);
                  const cap = field(`${key}.dailyCap`);
                  return (
                    <tr key={key}>
                      <th scope="row">{ruleLabels[key]}</th>
                      <td>
                        <RuleInput id={`${key}-points`} label={`Points for ${ruleLabels[key]}`} {...points} />
                      </td>
                      <td>
                        <RuleInput id={`${key}-cap`} label={`Daily cap for ${ruleLabels[key]}`} {...cap} />
                      </td>
                      <td>
                        <input
                          type="checkbox"
                          name={`${key}.enabled`}
                          aria-label={`${ruleLabels[key]} earns points`}
                          defaultChecked={values[`${key}.enabled`] === "on"}
                        />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </fieldset>
        <fieldset className="stack-tight">
          <legend>Against gaming</legend>
          <TextField
            label="Reactions from one person to one author that earn points, per day"
            inputMode="numeric"
            {...field("pairDailyLimit")}
          />
          <TextField
            label="Share of points between members of one organization (percent)"
            inputMode="numeric"
            {...field("sameOrganizationPercent")}
          />
          <p className="field-hint">The daily cap on points from reactions is the cap of “{ruleLabels.reaction_received}” above.</p>
        </fieldset>
        <fieldset className="stack-tight">
          <legend>Points from integrations</legend>
          <p className="field-hint">
            Certifications, deals and events reported through the <a href="/admin/api-keys">API</a>, all three rules together, per UTC day.
          </p>
          <TextField label="Points from integrations per person, per day" inputMode="numeric" {...field("external.personDailyCap")} />
          <TextField label="Points one API key can give, per day" inputMode="numeric" {...field("external.keyDailyCap")} />
        </fieldset>
        <DefinitionFields field={field} values={values} />
        <TextField label="Note for the version history (optional)" maxLength={noteMaxLength} {...field("note")} />
        <div>
          <button type="submit">Publish new version</button>
        </div>
      </Form>

      <section className="stack-tight" aria-labelledby="history-heading">
        <h2 id="history-heading">Version history</h2>
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">Published rule versions</caption>
            <thead>
              <tr>
                <th scope="col">Version</th>
                <th scope="col">In force from</th>
                <th scope="col">Published by</th>
                <th scope="col">Note</th>
              </tr>
            </thead>
            <tbody>
              {history.map((row) => (
                <tr key={row.version}>
                  <td>{row.version}</td>
                  <td>
                    <RelativeTime date={row.effective_at} />
                  </td>
                  <td>{row.published_by ?? "Default rules"}</td>
                  <td>{row.note}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </section>
  );
}

/** A compact numeric input in the rules table, with its message under it and tied to it. */
function RuleInput({ id, label, name, defaultValue, error }: { id: string; label: string; name: string; defaultValue: string; error?: string }) {
  return (
    <>
      <input
        id={id}
        name={name}
        inputMode="numeric"
        defaultValue={defaultValue}
        aria-label={label}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        style={{ maxWidth: "7rem" }}
      />
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </>
  );
}
