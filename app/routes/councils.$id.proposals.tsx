import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ConfidentialNote, CouncilNav, Day } from "../components/councils/council-nav";
import { FormAlert, TextAreaField, TextField } from "../components/forms";
import { requireCouncil } from "../domain/councils/councils.server";
import { decisionLog, draftProposal, listProposals } from "../domain/councils/proposals.server";
import { optionsFromText } from "../domain/councils/validation";
import { can } from "../domain/policy.server";
import { formValues } from "../utils/forms";
import { asHttpError, refusal, requireUser, type ActionFailure } from "../utils/http.server";

export const meta: MetaFunction = () => [{ title: "Proposals · Council · Partner Community" }];

const statusLabels = { draft: "Draft", open: "Voting open", closed: "Closed" } as const;

export async function loader({ params, context }: LoaderFunctionArgs) {
  const council = await requireCouncil(context.db, context.user, params.id ?? "").catch(asHttpError);
  const [proposals, decisions] = await Promise.all([listProposals(context.db, context.user, council.id), decisionLog(context.db, context.user, council.id)]);
  return {
    council: { id: council.id, name: council.name },
    proposals,
    decisions,
    mayDraft: can(context.user, "council.participate", { councilId: council.id }),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const council = await requireCouncil(context.db, user, params.id ?? "").catch(asHttpError);
  const values = formValues(await request.formData());
  try {
    const fields = { title: values.title, body: values.body, options: optionsFromText(values.options, values.kind !== "custom") };
    const created = await draftProposal(context.db, user, { councilId: council.id, fields, render: context.renderMarkdown });
    return redirect(`/councils/proposals/${created.id}`);
  } catch (error) {
    return refusal(error, values);
  }
}

export default function Proposals() {
  const { council, proposals, decisions, mayDraft } = useLoaderData<typeof loader>();
  const failure = useActionData<ActionFailure>();
  const errors = failure?.errors ?? {};
  const values = failure?.values ?? {};
  return (
    <section className="stack">
      <h1>{council.name}</h1>
      <CouncilNav councilId={council.id} name={council.name} />
      <ConfidentialNote />
      <section className="stack-tight" aria-labelledby="decision-log-heading">
        <h2 id="decision-log-heading">Decision log</h2>
        {decisions.length ? (
          <ul className="decision-log">
            {decisions.map((decision) => (
              <li key={decision.id}>
                <Day date={decision.decided_at} />: <Link to={`/councils/proposals/${decision.proposal_id}`}>{decision.proposal_title}</Link>, outcome{" "}
                <strong>{decision.outcome}</strong> ({decision.turnout} of {decision.eligible} voted)
                {decision.meeting_id ? (
                  <>
                    {" "}
                    · decided at <Link to={`/councils/meetings/${decision.meeting_id}`}>{decision.meeting_title}</Link>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">No decisions yet.</p>
        )}
      </section>
      <section className="stack-tight" aria-labelledby="proposals-heading">
        <h2 id="proposals-heading">Proposals</h2>
        {proposals.length ? (
          <ul>
            {proposals.map((proposal) => (
              <li key={proposal.id}>
                <Link to={`/councils/proposals/${proposal.id}`}>{proposal.title}</Link> · {statusLabels[proposal.status]} · by {proposal.author_name}
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">No proposals yet.</p>
        )}
      </section>
      {mayDraft ? (
        <section className="card stack" aria-labelledby="draft-heading">
          <h2 id="draft-heading">Draft a proposal</h2>
          <FormAlert message={errors.form} />
          <Form method="post" className="form wide" noValidate>
            <TextField label="Title" name="title" required defaultValue={values.title} error={errors.title} />
            <TextAreaField label="Proposal (Markdown)" name="body" required rows={6} defaultValue={values.body} error={errors.body} />
            <fieldset className="vote-options">
              <legend>Options</legend>
              <label>
                <input type="radio" name="kind" value="standard" defaultChecked={values.kind !== "custom"} /> Yes / No / Abstain
              </label>
              <label>
                <input type="radio" name="kind" value="custom" defaultChecked={values.kind === "custom"} /> My own options
              </label>
            </fieldset>
            <TextAreaField label="Your own options, one per line" name="options" rows={4} defaultValue={values.options} error={errors.options} hint="Used when “My own options” is chosen; at least two." />
            <div>
              <button type="submit">Save draft</button>
            </div>
          </Form>
        </section>
      ) : null}
    </section>
  );
}
