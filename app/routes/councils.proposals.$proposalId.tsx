import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ConfidentialNote, CouncilNav, Day } from "../components/councils/council-nav";
import { FormAlert, SelectField, TextField } from "../components/forms";
import { listMeetings } from "../domain/councils/meetings.server";
import { castVote, closeVoting, loadProposal, openVoting } from "../domain/councils/proposals.server";
import { formValues } from "../utils/forms";
import { asHttpError, refusal, requireUser, type ActionFailure } from "../utils/http.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.proposal.title ?? "Proposal"} · Council · Partner Community` }];

export async function loader({ params, context }: LoaderFunctionArgs) {
  const view = await loadProposal(context.db, context.user, params.proposalId ?? "").catch(asHttpError);
  const council = await context.db.selectFrom("councils").select(["id", "name"]).where("id", "=", view.proposal.council_id).executeTakeFirstOrThrow();
  const meetings = view.mayChair ? await listMeetings(context.db, context.user, council.id) : [];
  const { body_source: _source, ...proposal } = view.proposal;
  return { ...view, proposal, council, meetings: meetings.map((m) => ({ id: m.id, title: m.title })) };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const proposalId = params.proposalId ?? "";
  const values = formValues(await request.formData());
  try {
    if (values.intent === "vote") await castVote(context.db, user, proposalId, values.choice ?? "");
    else if (values.intent === "open") {
      await openVoting(context.db, user, proposalId, { closesAt: values.closesAt, liveResults: values.liveResults === "on" });
    } else if (values.intent === "close") await closeVoting(context.db, user, proposalId, { meetingId: values.meetingId || undefined });
    else throw new Response("Unknown action.", { status: 400 });
    return redirect(`/councils/proposals/${proposalId}`);
  } catch (error) {
    return refusal(error, values);
  }
}

export default function Proposal() {
  const { proposal, author, council, closed, myVote, results, decision, mayVote, mayChair, meetings } = useLoaderData<typeof loader>();
  const failure = useActionData<ActionFailure>();
  const errors = failure?.errors ?? {};
  return (
    <section className="stack">
      <h1>{council.name}</h1>
      <CouncilNav councilId={council.id} name={council.name} />
      <ConfidentialNote />
      <article className="card stack">
        <h2>{proposal.title}</h2>
        <p className="muted">
          By {author?.display_name} ·{" "}
          {proposal.status === "draft" ? "draft" : closed ? "voting closed" : (
            <>
              voting open until <Day date={proposal.closes_at!} />
            </>
          )}
        </p>
        <div className="prose" dangerouslySetInnerHTML={{ __html: proposal.body_html }} />
      </article>
      <FormAlert message={errors.form ?? errors.choice ?? errors.closesAt ?? errors.meetingId} />
      {mayVote ? (
        <Form method="post" className="card stack">
          <fieldset className="vote-options">
            <legend>Your vote{myVote ? ` (now: ${myVote}; you may change it until the deadline)` : ""}</legend>
            {proposal.options.map((option) => (
              <label key={option}>
                <input type="radio" name="choice" value={option} defaultChecked={myVote === option} required /> {option}
              </label>
            ))}
          </fieldset>
          <div>
            <button type="submit" name="intent" value="vote">
              {myVote ? "Change my vote" : "Cast my vote"}
            </button>
          </div>
        </Form>
      ) : myVote ? (
        <p>You voted “{myVote}”.</p>
      ) : null}
      {results ? (
        <section className="stack-tight" aria-labelledby="results-heading">
          <h2 id="results-heading">{closed ? "Results" : "Live results"}</h2>
          <p>
            Turnout: {results.turnout} of {results.eligible} voting members
          </p>
          <ul className="stack-tight">
            {results.counts.map((count) => (
              <li key={count.option}>
                {count.option}: {count.votes}
                <div className="results-bar" aria-hidden="true">
                  <span style={{ width: `${results.turnout ? (100 * count.votes) / results.turnout : 0}%` }} />
                </div>
              </li>
            ))}
          </ul>
          {decision ? (
            <p>
              Decision: <strong>{decision.outcome}</strong>
              {decision.meeting_id ? (
                <>
                  {" "}
                  (<Link to={`/councils/meetings/${decision.meeting_id}`}>at the meeting</Link>)
                </>
              ) : null}
            </p>
          ) : null}
        </section>
      ) : proposal.status === "open" ? (
        <p className="muted">Results are shown when voting closes.</p>
      ) : null}
      {mayChair && proposal.status === "draft" ? (
        <Form method="post" className="card form">
          <h2>Open voting</h2>
          <TextField label="Voting closes" name="closesAt" type="datetime-local" required error={errors.closesAt} hint="Date and time in UTC." />
          <label>
            <input type="checkbox" name="liveResults" /> Show results while voting is open
          </label>
          <div>
            <button type="submit" name="intent" value="open">
              Open voting
            </button>
          </div>
        </Form>
      ) : null}
      {mayChair && proposal.status === "open" && !closed ? (
        <Form method="post" className="card form">
          <h2>Close voting now</h2>
          <SelectField label="Decided at meeting (optional)" name="meetingId" defaultValue="">
            <option value="">No meeting</option>
            {meetings.map((meeting) => (
              <option key={meeting.id} value={meeting.id}>
                {meeting.title}
              </option>
            ))}
          </SelectField>
          <div>
            <button type="submit" name="intent" value="close">
              Close voting and record the decision
            </button>
          </div>
        </Form>
      ) : null}
    </section>
  );
}
