import { data, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import stylesheet from "../components/directory/directory.css?url";
import { FormAlert, TextAreaField, useResultKey } from "../components/forms";
import { RelativeTime } from "../components/time";
import { setBlocked } from "../domain/messages/blocks.server";
import { sendMessage } from "../domain/messages/conversations.server";
import { getConversation, markRead, setMuted } from "../domain/messages/inbox.server";
import { reportMessage } from "../domain/messages/reports.server";
import { conversationRoom } from "../realtime/events";
import { useLiveRevalidate } from "../realtime/useLiveRevalidate";
import { formValues } from "../utils/forms";
import { asHttpError, refusal, requireUser, type ActionFailure } from "../utils/http.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: stylesheet }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.conversation.participants.filter((p) => p.id !== data.viewerId).map((p) => p.display_name).join(", ") ?? "Conversation"} · Messages · Partner Community` },
];

/** Only participants get anything here; for everyone else the conversation does not exist. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const conversation = await getConversation(context.db, user, params.id ?? "").catch(asHttpError);
  await markRead(context.db, user, conversation.id);
  return { conversation, viewerId: user.id };
}

const intentSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("send") }),
  z.object({ intent: z.enum(["mute", "unmute"]) }),
  z.object({ intent: z.enum(["block", "unblock"]), userId: z.string().min(1).max(64) }),
  z.object({ intent: z.literal("report") }),
]);

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const conversationId = params.id ?? "";
  const values = formValues(await request.formData());
  const parsed = intentSchema.safeParse(values);
  if (!parsed.success) throw new Response("That request is not valid.", { status: 400 });
  try {
    switch (parsed.data.intent) {
      case "send":
        await sendMessage(context.db, { actor: user, conversationId, raw: values, render: context.renderMarkdown });
        return data({ done: "sent" as const });
      case "mute":
      case "unmute":
        await setMuted(context.db, user, conversationId, parsed.data.intent === "mute");
        return data({ done: parsed.data.intent });
      case "block":
      case "unblock": {
        // Only people in this conversation can be blocked from here: the page is about them.
        const conversation = await getConversation(context.db, user, conversationId);
        if (!conversation.participants.some((p) => p.id === (parsed.data as { userId: string }).userId)) throw new Response("That person is not in this conversation.", { status: 404 });
        await setBlocked(context.db, user, parsed.data.userId, parsed.data.intent === "block");
        return data({ done: parsed.data.intent });
      }
      case "report":
        await getConversation(context.db, user, conversationId);
        await reportMessage(context.db, user, values);
        return data({ done: "reported" as const });
    }
  } catch (error) {
    return refusal(error, values);
  }
}

const doneMessages: Record<string, string | undefined> = {
  reported: "Thank you. The moderators have the message and will look at it.",
  mute: "Muted: this conversation no longer counts in your badge.",
  unmute: "Unmuted.",
  block: "Blocked. You will not see their messages, and they cannot message you one to one.",
  unblock: "Unblocked.",
};

export default function Conversation() {
  const { conversation, viewerId } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionFailure | { done: string } | undefined;
  const failure = result && "errors" in result ? result : undefined;
  const done = result && "done" in result ? doneMessages[result.done] : undefined;
  const sentKey = useResultKey(result && "done" in result && result.done === "sent" ? result : null);
  useLiveRevalidate("conversation:message", { room: conversationRoom(conversation.id) });
  const others = conversation.participants.filter((p) => p.id !== viewerId);
  return (
    <section className="stack">
      <header className="stack-tight">
        <h1>{others.map((p) => p.display_name).join(", ") || "Just you"}</h1>
        <p className="muted">
          <a href="/messages">All messages</a> · Only the {conversation.participants.length} people in this conversation can read it.
        </p>
        <div className="cluster">
          <Form method="post">
            <button type="submit" name="intent" value={conversation.muted ? "unmute" : "mute"} className="button-quiet">
              {conversation.muted ? "Unmute conversation" : "Mute conversation"}
            </button>
          </Form>
          {others.map((person) => (
            <Form method="post" key={person.id}>
              <input type="hidden" name="userId" value={person.id} />
              <button type="submit" name="intent" value={person.blocked ? "unblock" : "block"} className="button-quiet">
                {person.blocked ? `Unblock ${person.display_name}` : `Block ${person.display_name}`}
              </button>
            </Form>
          ))}
        </div>
      </header>
      {done ? (
        <div className="alert alert-success" role="status">
          {done}
        </div>
      ) : null}
      <FormAlert message={failure?.errors.form} />
      <ol className="message-list" aria-label="Messages" aria-live="polite">
        {conversation.messages.map((message) => (
          <li key={message.id} className={`message${message.author_id === viewerId ? " message-mine" : ""}`}>
            <div className="message-meta">
              <span>
                {message.author_deleted ? message.author_name : <a href={`/u/${message.author_handle}`}>{message.author_name}</a>} ·{" "}
                <RelativeTime date={message.created_at} />
              </span>
              {message.author_id !== viewerId ? (
                <details>
                  <summary>Report</summary>
                  <Form method="post" className="form">
                    <input type="hidden" name="messageId" value={message.id} />
                    <label htmlFor={`reason-${message.id}`}>Why are you reporting this message? (optional)</label>
                    <input id={`reason-${message.id}`} name="reason" maxLength={500} />
                    <button type="submit" name="intent" value="report" className="button-danger">
                      Report to moderators
                    </button>
                  </Form>
                </details>
              ) : null}
            </div>
            <div className="prose" dangerouslySetInnerHTML={{ __html: message.body_html }} />
          </li>
        ))}
      </ol>
      <Form method="post" className="form card" key={sentKey} noValidate>
        <TextAreaField label="Your message" name="body" rows={4} defaultValue={failure?.values.body} error={failure?.errors.body} hint="Markdown works here." />
        <div>
          <button type="submit" name="intent" value="send">
            Send
          </button>
        </div>
      </Form>
    </section>
  );
}
