import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { FormAlert, TextField } from "../components/forms";
import { mentoringLinks } from "../components/mentoring/links";
import { RelativeTime } from "../components/time";
import { mentoringOverview } from "../domain/mentoring/queries.server";
import { SCORE_PARTS, scorePartLabels } from "../domain/mentoring/scoring";
import { saveScoringWeights, scoringWeights } from "../domain/mentoring/settings.server";
import { formValues } from "../utils/forms";
import { authorizeRequest, refusal, requireUser, type ActionFailure } from "../utils/http.server";

export const meta: MetaFunction = () => [{ title: "Mentoring programme · Admin · Partner Community" }];
export const links = mentoringLinks;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  authorizeRequest(user, "mentoring.administer", undefined, { hide: true });
  const [overview, weights] = await Promise.all([mentoringOverview(context.db, user), scoringWeights(context.db)]);
  return { ...overview, weights };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  authorizeRequest(user, "mentoring.administer", undefined, { hide: true });
  const formData = await request.formData();
  const values = formValues(formData);
  try {
    await saveScoringWeights(context.db, user, values);
    return data({ saved: true as const });
  } catch (error) {
    return refusal(error, values);
  }
}

export default function AdminMentoring() {
  const { load, unanswered, weights } = useLoaderData<typeof loader>();
  const result = useActionData<ActionFailure | { saved: true }>();
  const failure = result && "errors" in result ? result : undefined;
  const errors = failure?.errors ?? {};
  return (
    <section className="stack">
      <h1>Mentoring programme</h1>
      <section className="stack" aria-labelledby="weights-heading">
        <h2 id="weights-heading">Matching weights</h2>
        <p className="muted">How much each part counts when mentors are ranked for a mentee. Parts a mentee leaves open do not count.</p>
        {result && "saved" in result ? (
          <div className="alert alert-success" role="status">
            Weights saved. New searches use them.
          </div>
        ) : null}
        <FormAlert message={errors.form} />
        <Form method="post" className="form" noValidate>
          <div className="weights-grid">
            {SCORE_PARTS.map((part) => (
              <TextField
                key={part}
                label={scorePartLabels[part]}
                name={part}
                type="number"
                min={0}
                max={100}
                defaultValue={failure?.values[part] ?? String(weights[part])}
                error={errors[part]}
              />
            ))}
          </div>
          <div>
            <button type="submit">Save weights</button>
          </div>
        </Form>
      </section>
      <section className="stack" aria-labelledby="load-heading">
        <h2 id="load-heading">Load across mentors</h2>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Mentor</th>
                <th scope="col">Accepting</th>
                <th scope="col">Active / capacity</th>
                <th scope="col">Waiting requests</th>
                <th scope="col">Completed</th>
              </tr>
            </thead>
            <tbody>
              {load.map((row) => (
                <tr key={row.user_id}>
                  <td>
                    <a href={`/u/${row.handle}`}>{row.display_name}</a>
                  </td>
                  <td>{row.accepting ? "Yes" : "No"}</td>
                  <td>
                    {row.active} / {row.capacity}
                    {row.active >= row.capacity ? " (full)" : ""}
                  </td>
                  <td>{row.pending}</td>
                  <td>{row.completed}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section className="stack" aria-labelledby="unanswered-heading">
        <h2 id="unanswered-heading">Unanswered requests</h2>
        {unanswered.length === 0 ? <p className="muted">Every request has an answer.</p> : null}
        <ul className="mentorship-list">
          {unanswered.map((m) => (
            <li key={m.public_id} className="card mentorship-row">
              <a href={`/mentoring/m/${m.public_id}`}>
                {m.mentee_name} asked {m.mentor_name}
              </a>
              <span className="muted">
                asked <RelativeTime date={m.requested_at} /> · expires <RelativeTime date={m.expires_at} />
              </span>
            </li>
          ))}
        </ul>
      </section>
    </section>
  );
}
