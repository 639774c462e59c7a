import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { ConfidentialNote, CouncilNav, Day } from "../components/councils/council-nav";
import { FormAlert, TextAreaField } from "../components/forms";
import { ThreadList } from "../components/thread-list";
import { enterCouncil, updateTerms } from "../domain/councils/councils.server";
import { listMeetings } from "../domain/councils/meetings.server";
import { decisionLog } from "../domain/councils/proposals.server";
import { acknowledgeTerms, respondToInvitation } from "../domain/councils/roster.server";
import { roleLabels } from "../domain/councils/validation";
import { listThreads } from "../domain/forum/queries.server";
import { can } from "../domain/policy.server";
import { asHttpError, refusal, requireUser, type ActionFailure } from "../utils/http.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.council.name ?? "Council"} · Partner Community` }];

/**
 * The door and front room of a council. Members and admins see the space; an invitee sees the
 * charter and terms to accept (403 until they do); anyone else gets a 404.
 */
export async function loader({ params, context }: LoaderFunctionArgs) {
  const entry = await enterCouncil(context.db, context.user, params.id ?? "").catch(asHttpError);
  const { council } = entry;
  const charter = {
    id: council.id,
    name: council.name,
    objective: council.objective,
    meetingFrequency: council.meeting_frequency,
    expectedCommitment: council.expected_commitment,
    termsText: council.terms_text,
    termsVersion: council.terms_version,
  };
  if (entry.state !== "member") {
    return data(
      { state: entry.state, council: charter, role: roleLabels[entry.role as keyof typeof roleLabels], termStart: entry.termStart, termEnd: entry.termEnd, member: null },
      { status: 403 },
    );
  }
  const category = await context.db.selectFrom("categories").select(["slug", "id"]).where("id", "=", council.category_id).executeTakeFirstOrThrow();
  const [threads, meetings, decisions] = await Promise.all([
    listThreads(context.db, context.user, { categoryId: category.id }),
    listMeetings(context.db, context.user, council.id),
    decisionLog(context.db, context.user, council.id),
  ]);
  return {
    state: entry.state,
    council: charter,
    role: null,
    termStart: null,
    termEnd: null,
    member: {
      categorySlug: category.slug,
      categoryId: category.id,
      threads: threads.threads.slice(0, 10),
      upcoming: meetings.filter((m) => new Date(m.starts_at) > new Date()).slice(0, 3),
      decisions: decisions.slice(0, 5),
      mayManage: can(context.user, "council.manage"),
    },
  };
}

const intent = z.object({ intent: z.enum(["accept", "decline", "acknowledge", "terms"]), version: z.coerce.number().int().optional(), termsText: z.string().optional() });

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const councilId = params.id ?? "";
  const form = Object.fromEntries(await request.formData());
  const parsed = intent.safeParse(form);
  if (!parsed.success) throw new Response("Unknown action.", { status: 400 });
  try {
    switch (parsed.data.intent) {
      case "accept":
        await respondToInvitation(context.db, user, councilId, true);
        break;
      case "decline":
        await respondToInvitation(context.db, user, councilId, false);
        return redirect("/councils");
      case "acknowledge":
        await acknowledgeTerms(context.db, user, councilId, parsed.data.version ?? 0);
        break;
      case "terms":
        await updateTerms(context.db, user, councilId, { termsText: parsed.data.termsText });
        break;
    }
    return redirect(`/councils/${councilId}`);
  } catch (error) {
    return refusal(error, { termsText: String(form.termsText ?? "") });
  }
}

export default function CouncilPage() {
  const { state, council, member, role, termStart, termEnd } = useLoaderData<typeof loader>();
  const failure = useActionData<ActionFailure>();
  const errors = failure?.errors ?? {};
  return (
    <section className="stack">
      <h1>{council.name}</h1>
      <FormAlert message={errors.form ?? errors.version} />
      {member ? <CouncilNav councilId={council.id} name={council.name} /> : null}
      <dl className="stack-tight">
        <dt>Objective</dt>
        <dd>{council.objective}</dd>
        <dt>Meets</dt>
        <dd>{council.meetingFrequency}</dd>
        <dt>Expected commitment</dt>
        <dd>{council.expectedCommitment}</dd>
      </dl>
      {state === "invited" ? (
        <section className="card stack" aria-labelledby="invitation-heading">
          <h2 id="invitation-heading">You are invited</h2>
          <p>
            As {role?.toLowerCase()}, from <Day date={termStart!} /> to <Day date={termEnd!} />. After accepting, you acknowledge the confidentiality terms before you enter.
          </p>
          <div className="cluster">
            <Form method="post">
              <button type="submit" name="intent" value="accept">
                Accept invitation
              </button>
            </Form>
            <Form method="post">
              <button type="submit" name="intent" value="decline" className="button-quiet">
                Decline
              </button>
            </Form>
          </div>
        </section>
      ) : null}
      {state === "acknowledge" ? (
        <section className="card stack" aria-labelledby="terms-heading">
          <h2 id="terms-heading">Confidentiality terms (version {council.termsVersion})</h2>
          <p className="alert alert-info" role="status">
            Read and acknowledge the current confidentiality terms before you enter this council.
          </p>
          <div className="council-terms" tabIndex={0} aria-label="Confidentiality terms">
            {council.termsText}
          </div>
          <Form method="post">
            <input type="hidden" name="version" value={council.termsVersion} />
            <button type="submit" name="intent" value="acknowledge">
              I acknowledge these terms
            </button>
          </Form>
        </section>
      ) : null}
      {member ? (
        <>
          <ConfidentialNote />
          <section className="stack-tight" aria-labelledby="threads-heading">
            <div className="spread">
              <h2 id="threads-heading">Private threads</h2>
              <Link className="button" to={`/new-thread?category=${member.categoryId}`}>
                New private thread
              </Link>
            </div>
            {member.threads.length ? <ThreadList threads={member.threads} showCategory={false} /> : <p className="muted">No threads yet.</p>}
            <p>
              <Link to={`/c/${member.categorySlug}`}>All threads of the council</Link>
            </p>
          </section>
          <section className="stack-tight" aria-labelledby="upcoming-heading">
            <h2 id="upcoming-heading">Upcoming meetings</h2>
            {member.upcoming.length ? (
              <ul>
                {member.upcoming.map((meeting) => (
                  <li key={meeting.id}>
                    <Link to={`/councils/meetings/${meeting.id}`}>{meeting.title}</Link>, <Day date={meeting.starts_at} />
                  </li>
                ))}
              </ul>
            ) : (
              <p className="muted">None scheduled.</p>
            )}
          </section>
          <section className="stack-tight" aria-labelledby="decisions-heading">
            <h2 id="decisions-heading">Recent decisions</h2>
            {member.decisions.length ? (
              <ul className="decision-log">
                {member.decisions.map((decision) => (
                  <li key={decision.id}>
                    <Link to={`/councils/proposals/${decision.proposal_id}`}>{decision.proposal_title}</Link>: <strong>{decision.outcome}</strong>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="muted">No decisions yet.</p>
            )}
          </section>
          <section className="stack-tight" aria-labelledby="terms-current-heading">
            <h2 id="terms-current-heading">Confidentiality terms (version {council.termsVersion})</h2>
            <div className="council-terms" tabIndex={0} aria-label="Confidentiality terms">
              {council.termsText}
            </div>
            {member.mayManage ? (
              <Form method="post" className="form wide">
                <TextAreaField label="New version of the terms" name="termsText" rows={5} defaultValue={failure?.values.termsText ?? council.termsText} error={errors.termsText} hint="Saving asks every member to acknowledge again before they next enter." />
                <div>
                  <button type="submit" name="intent" value="terms">
                    Publish new terms
                  </button>
                </div>
              </Form>
            ) : null}
          </section>
        </>
      ) : null}
    </section>
  );
}
