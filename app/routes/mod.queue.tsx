import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useState } from "react";
import { z } from "zod";
import { FormAlert } from "../components/forms";
import { QueueItemCard } from "../components/moderation/queue-item";
import { claimItem, decideItem, decideItems, decisions, decisionSchema } from "../domain/moderation/queue.server";
import { listQueue } from "../domain/moderation/queue-view.server";
import { moderatorsRoom } from "../realtime/events";
import { useRevalidateSoon } from "../realtime/useLiveRevalidate";
import { useSocketEvents } from "../realtime/useSocket";
import { parseForm } from "../utils/forms";
import { can } from "../domain/policy.server";
import { authorizeRequest, invalid, refusal, requireUser, type ActionFailure } from "../utils/http.server";

export const meta: MetaFunction = () => [{ title: "Review queue · Partner Community" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  authorizeRequest(user, "moderation.review", undefined, { hide: true });
  const view = new URL(request.url).searchParams.get("view") === "settled" ? "settled" : "open";
  // A council chair who is not staff reviews only their council's items and has no other tools.
  return { items: await listQueue(context.db, user, { view }), view, viewerId: user.id, staff: can(user, "moderation.access") };
}

const bulkSchema = z.object({ decision: z.enum(decisions, "Choose an action for the selected items."), reason: z.string().trim().max(500).optional() });

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  authorizeRequest(user, "moderation.review", undefined);
  const formData = await request.formData();
  const intent = formData.get("intent");
  try {
    if (intent === "claim") {
      const itemId = Number(formData.get("itemId"));
      if (!Number.isInteger(itemId)) return invalid({ form: "Choose an item." }, {});
      await claimItem(context.db, user, itemId);
      return data({ done: "Claimed. The item is yours for 30 minutes." });
    }
    if (intent === "decide") {
      const form = parseForm(decisionSchema, formData);
      if (!form.ok) return invalid(form.errors, form.values);
      const result = await decideItem(context.db, user, form.data);
      return data({ done: result.status === "deferred" ? "Deferred." : `Settled: ${result.resolution}.` });
    }
    if (intent === "bulk") {
      const form = parseForm(bulkSchema, formData);
      if (!form.ok) return invalid(form.errors, form.values);
      const itemIds = formData.getAll("itemId").map(Number).filter(Number.isInteger).slice(0, 100);
      if (itemIds.length === 0) return invalid({ form: "Select at least one item." }, form.values);
      const results = await decideItems(context.db, user, { itemIds, ...form.data });
      const failed = results.filter((r) => !r.ok);
      const done = `${results.length - failed.length} of ${results.length} items settled.`;
      if (failed.length) return data({ errors: { form: `${done} ${failed.map((f) => `Item ${f.itemId}: ${f.message}`).join(" ")}` }, values: {} }, { status: 409 });
      return data({ done });
    }
    return invalid({ form: "Unknown action." }, {});
  } catch (error) {
    return refusal(error);
  }
}

export default function ReviewQueue() {
  const { items, view, viewerId, staff } = useLoaderData<typeof loader>();
  const result = useActionData<ActionFailure | { done: string }>();
  const revalidateSoon = useRevalidateSoon();
  const [liveNote, setLiveNote] = useState("");
  useSocketEvents(
    {
      "moderation:queue": () => {
        revalidateSoon();
        setLiveNote("The queue was updated.");
      },
    },
    { room: moderatorsRoom, enabled: staff },
  );
  const failure = result && "errors" in result ? result : undefined;
  const open = items.filter((item) => item.status === "pending" || item.status === "deferred");
  return (
    <section className="stack">
      <div className="spread">
        <h1>Review queue</h1>
        <nav aria-label="Queue views" className="tabs cluster">
          <a href="/mod/queue" aria-current={view === "open" ? "page" : undefined}>
            Open
          </a>
          <a href="/mod/queue?view=settled" aria-current={view === "settled" ? "page" : undefined}>
            Settled
          </a>
          {staff ? <a href="/mod/audit">Audit log</a> : null}
          {staff ? <a href="/mod/awards">Awards</a> : null}
        </nav>
      </div>
      <p className="visually-hidden" role="status" aria-live="polite">
        {liveNote}
      </p>
      <FormAlert message={failure ? (failure.errors.form ?? failure.errors.decision ?? failure.errors.reason) : undefined} />
      {result && "done" in result ? (
        <div className="alert alert-success" role="status">
          {result.done}
        </div>
      ) : null}
      {view === "open" && open.length ? (
        <Form method="post" id="bulk" className="card mod-actions" aria-label="Bulk action on selected items">
          <input type="hidden" name="intent" value="bulk" />
          <div className="field">
            <label htmlFor="bulk-decision">With the selected items</label>
            <select id="bulk-decision" name="decision" defaultValue="">
              <option value="" disabled>
                Choose an action
              </option>
              <option value="agree-hide">Agree: hide</option>
              <option value="agree-delete">Agree: delete</option>
              <option value="disagree">Disagree: restore (approve)</option>
              <option value="defer">Defer</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor="bulk-reason">Reason (optional)</label>
            <input id="bulk-reason" name="reason" maxLength={500} />
          </div>
          <button type="submit">Apply to selected</button>
        </Form>
      ) : null}
      {items.length === 0 ? <p className="muted">{view === "open" ? "Nothing waits for review. Thank you!" : "Nothing settled yet."}</p> : null}
      <div className="stack" data-testid="queue-items">
        {items.map((item) => (
          <QueueItemCard key={item.id} item={item} viewerId={viewerId} />
        ))}
      </div>
    </section>
  );
}
