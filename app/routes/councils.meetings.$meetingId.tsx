import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ConfidentialNote, CouncilNav, Day } from "../components/councils/council-nav";
import { FormAlert, TextAreaField, TextField } from "../components/forms";
import { addActionItem, completeActionItem } from "../domain/councils/actions.server";
import { addAgendaItem, loadMeeting, moveAgendaItem, publishMinutes, recordPresence, rsvp, saveMinutes } from "../domain/councils/meetings.server";
import { formatInZone } from "../domain/councils/time";
import { formValues } from "../utils/forms";
import { asHttpError, refusal, requireUser, type ActionFailure } from "../utils/http.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.meeting.title ?? "Meeting"} · Council · Partner Community` }];

export async function loader({ params, context }: LoaderFunctionArgs) {
  const view = await loadMeeting(context.db, context.user, params.meetingId ?? "").catch(asHttpError);
  const council = await context.db.selectFrom("councils").select(["id", "name"]).where("id", "=", view.meeting.council_id).executeTakeFirstOrThrow();
  const me = context.user ? view.people.find((p) => p.id === context.user!.id) : undefined;
  return {
    ...view,
    council,
    when: formatInZone(new Date(view.meeting.starts_at), view.meeting.time_zone),
    started: new Date(view.meeting.starts_at) <= new Date(),
    myRsvp: me?.rsvp ?? null,
    myId: context.user?.id ?? null,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const meetingId = params.meetingId ?? "";
  const values = formValues(await request.formData());
  try {
    switch (values.intent) {
      case "agenda":
        await addAgendaItem(context.db, user, meetingId, values);
        break;
      case "up":
      case "down":
        await moveAgendaItem(context.db, user, meetingId, values.itemId ?? "", values.intent);
        break;
      case "rsvp":
        if (values.rsvp !== "yes" && values.rsvp !== "no" && values.rsvp !== "maybe") throw new Response("Choose yes, no or maybe.", { status: 400 });
        await rsvp(context.db, user, meetingId, values.rsvp);
        break;
      case "present":
      case "absent":
        await recordPresence(context.db, user, meetingId, values.userId ?? "", values.intent === "present");
        break;
      case "minutes":
        await saveMinutes(context.db, user, meetingId, values, context.renderMarkdown);
        break;
      case "publish":
        await publishMinutes(context.db, user, meetingId);
        break;
      case "action-item":
        await addActionItem(context.db, user, meetingId, values);
        break;
      case "done":
        await completeActionItem(context.db, user, values.itemId ?? "");
        break;
      default:
        throw new Response("Unknown action.", { status: 400 });
    }
    return redirect(`/councils/meetings/${meetingId}`);
  } catch (error) {
    return refusal(error, values);
  }
}

const rsvpLabels = { yes: "Attending", no: "Not attending", maybe: "Maybe" } as const;

export default function Meeting() {
  const { meeting, council, agenda, people, quorum, actionItems, mayChair, mayParticipate, when, started, myRsvp, myId } = useLoaderData<typeof loader>();
  const failure = useActionData<ActionFailure>();
  const errors = failure?.errors ?? {};
  const values = failure?.values ?? {};
  return (
    <section className="stack">
      <h1>{council.name}</h1>
      <CouncilNav councilId={council.id} name={council.name} />
      <ConfidentialNote />
      <FormAlert message={errors.form} />
      <header className="stack-tight">
        <h2>{meeting.title}</h2>
        <p>
          {when}
          {meeting.location ? ` · ${meeting.location}` : ""}
          {meeting.call_link ? (
            <>
              {" · "}
              <a href={meeting.call_link} rel="noopener noreferrer">
                Join the call
              </a>
            </>
          ) : null}
        </p>
      </header>

      <section className="stack-tight" aria-labelledby="agenda-heading">
        <h3 id="agenda-heading">Agenda</h3>
        {agenda.length ? (
          <ol className="agenda">
            {agenda.map((item, index) => (
              <li key={item.id}>
                <strong>{item.title}</strong>
                {item.owner_name ? ` · ${item.owner_name}` : ""}
                {item.thread_id ? (
                  <>
                    {" · "}
                    <Link to={`/t/${item.thread_id}`}>{item.thread_title}</Link>
                  </>
                ) : null}
                {item.proposal_id ? (
                  <>
                    {" · "}
                    <Link to={`/councils/proposals/${item.proposal_id}`}>{item.proposal_title}</Link>
                  </>
                ) : null}
                {mayChair ? (
                  <Form method="post" className="cluster">
                    <input type="hidden" name="itemId" value={item.id} />
                    <button type="submit" name="intent" value="up" className="button-quiet" disabled={index === 0} aria-label={`Move “${item.title}” up`}>
                      Up
                    </button>
                    <button type="submit" name="intent" value="down" className="button-quiet" disabled={index === agenda.length - 1} aria-label={`Move “${item.title}” down`}>
                      Down
                    </button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ol>
        ) : (
          <p className="muted">No agenda items yet.</p>
        )}
        {mayChair ? (
          <Form method="post" className="form card" noValidate>
            <TextField label="Agenda item" name="title" required defaultValue={values.intent === "agenda" ? values.title : undefined} error={values.intent === "agenda" ? errors.title : undefined} />
            <TextField label="Owner (handle, optional)" name="ownerHandle" defaultValue={values.ownerHandle} error={errors.ownerHandle} />
            <TextField label="Linked thread id (optional)" name="threadId" defaultValue={values.threadId} error={errors.threadId} />
            <TextField label="Linked proposal id (optional)" name="proposalId" defaultValue={values.proposalId} error={errors.proposalId} />
            <div>
              <button type="submit" name="intent" value="agenda">
                Add to agenda
              </button>
            </div>
          </Form>
        ) : null}
      </section>

      <section className="stack-tight" aria-labelledby="attendance-heading">
        <h3 id="attendance-heading">Attendance</h3>
        <p className={quorum.reached ? "quorum-reached" : "quorum-missing"}>
          Quorum: {quorum.present} present of {quorum.needed} needed {quorum.reached ? "(reached)" : "(not reached)"}
        </p>
        {mayParticipate && !started ? (
          <Form method="post" className="cluster">
            <span>Your answer{myRsvp ? ` (now: ${rsvpLabels[myRsvp]})` : ""}:</span>
            {(["yes", "no", "maybe"] as const).map((answer) => (
              <button key={answer} type="submit" name="rsvp" value={answer} className={myRsvp === answer ? undefined : "button-quiet"}>
                {rsvpLabels[answer]}
              </button>
            ))}
            <input type="hidden" name="intent" value="rsvp" />
          </Form>
        ) : null}
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">Members, their answers and presence</caption>
            <thead>
              <tr>
                <th scope="col">Member</th>
                <th scope="col">Answer</th>
                <th scope="col">Present</th>
              </tr>
            </thead>
            <tbody>
              {people.map((person) => (
                <tr key={person.id}>
                  <td>{person.display_name}</td>
                  <td>{person.rsvp ? rsvpLabels[person.rsvp] : "No answer"}</td>
                  <td>
                    {person.present ? "Present" : "—"}
                    {mayChair && started ? (
                      <Form method="post" className="cluster">
                        <input type="hidden" name="userId" value={person.id} />
                        <button type="submit" name="intent" value={person.present ? "absent" : "present"} className="button-quiet" aria-label={`Mark ${person.display_name} ${person.present ? "absent" : "present"}`}>
                          {person.present ? "Mark absent" : "Mark present"}
                        </button>
                      </Form>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section className="stack-tight" aria-labelledby="minutes-heading">
        <h3 id="minutes-heading">Minutes {meeting.minutes_published_at ? "" : mayChair ? "(draft, only you and admins see it)" : ""}</h3>
        {meeting.minutes_html ? <div className="prose" dangerouslySetInnerHTML={{ __html: meeting.minutes_html }} /> : <p className="muted">Not published yet.</p>}
        {mayChair && !meeting.minutes_published_at ? (
          <>
            <Form method="post" className="form wide">
              <TextAreaField label="Minutes (Markdown)" name="minutes" rows={8} defaultValue={values.minutes ?? meeting.minutes_source} error={errors.minutes} />
              <div>
                <button type="submit" name="intent" value="minutes">
                  Save draft
                </button>
              </div>
            </Form>
            {meeting.minutes_source ? (
              <Form method="post">
                <button type="submit" name="intent" value="publish">
                  Publish minutes
                </button>
              </Form>
            ) : null}
          </>
        ) : null}
      </section>

      <section className="stack-tight" aria-labelledby="actions-heading">
        <h3 id="actions-heading">Action items</h3>
        {actionItems.length ? (
          <ul>
            {actionItems.map((item) => (
              <li key={item.id}>
                {item.title} · {item.owner_name} · due <Day date={item.due_at} /> {item.done_at ? "· done" : null}
                {!item.done_at && (item.owner_id === myId || mayChair) ? (
                  <Form method="post" className="cluster">
                    <input type="hidden" name="itemId" value={item.id} />
                    <button type="submit" name="intent" value="done" className="button-quiet" aria-label={`Mark “${item.title}” done`}>
                      Mark done
                    </button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">No action items.</p>
        )}
        {mayChair ? (
          <Form method="post" className="form card" noValidate>
            <TextField label="Action item" name="title" required defaultValue={values.intent === "action-item" ? values.title : undefined} error={values.intent === "action-item" ? errors.title : undefined} />
            <TextField label="Owner (handle)" name="ownerHandle" required defaultValue={values.intent === "action-item" ? values.ownerHandle : undefined} error={errors.ownerHandle} />
            <TextField label="Due" name="dueAt" type="date" required defaultValue={values.dueAt} error={errors.dueAt} />
            <div>
              <button type="submit" name="intent" value="action-item">
                Add action item
              </button>
            </div>
          </Form>
        ) : null}
      </section>
    </section>
  );
}
