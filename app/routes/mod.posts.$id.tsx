import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { FormAlert } from "../components/forms";
import { postForModerator } from "../domain/moderation/post-context.server";
import { moderatePost } from "../domain/moderation/post-actions.server";
import { mergePostIntoThread, moveThread, toggleThread } from "../domain/moderation/thread-actions.server";
import { parseForm } from "../utils/forms";
import { asHttpError, invalid, refusal, requireUser, type ActionFailure } from "../utils/http.server";

export const meta: MetaFunction = () => [{ title: "Moderate a post · Partner Community" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  return postForModerator(context.db, user, params.id ?? "").catch(asHttpError);
}

const reason = z.string().trim().max(500, "Keep the reason under 500 characters.").optional();
const actionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.enum(["hide", "unhide", "delete", "undelete"]), reason }),
  z.object({ intent: z.enum(["lock", "unlock", "pin", "unpin"]), reason }),
  z.object({ intent: z.literal("move"), categoryId: z.coerce.number("Choose a category.").int().positive("Choose a category."), reason }),
  z.object({ intent: z.literal("merge"), threadId: z.string().trim().min(1, "Enter the id of the thread to merge into.").max(40), reason }),
]);

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const form = parseForm(actionSchema, await request.formData());
  if (!form.ok) return invalid(form.errors, form.values);
  const postId = params.id ?? "";
  const input = form.data;
  try {
    const { post } = await postForModerator(context.db, user, postId);
    switch (input.intent) {
      case "hide":
      case "unhide":
      case "delete":
      case "undelete":
        await moderatePost(context.db, user, { postId, action: input.intent, reason: input.reason });
        break;
      case "lock":
      case "unlock":
      case "pin":
      case "unpin":
        await toggleThread(context.db, user, { threadId: post.thread_id, action: input.intent, reason: input.reason });
        break;
      case "move":
        await moveThread(context.db, user, { threadId: post.thread_id, categoryId: input.categoryId, reason: input.reason });
        break;
      case "merge":
        await mergePostIntoThread(context.db, user, { postId, threadId: input.threadId, reason: input.reason });
        break;
    }
    return data({ done: "Done. The audit log has a record of it." });
  } catch (error) {
    return refusal(error, form.values);
  }
}

export default function ModeratePost() {
  const { post, moveTargets } = useLoaderData<typeof loader>();
  const result = useActionData<ActionFailure | { done: string }>();
  const failure = result && "errors" in result ? result : undefined;
  const errors = failure?.errors ?? {};
  return (
    <section className="stack">
      <nav aria-label="Breadcrumb">
        <a href="/mod/queue">Review queue</a> › <a href={`/t/${post.thread_id}/${post.thread_slug}`}>{post.thread_title}</a>
      </nav>
      <h1>
        Moderate post {post.post_number} by {post.author_name}
      </h1>
      <FormAlert message={errors.form ?? errors.intent} />
      {result && "done" in result ? (
        <div className="alert alert-success" role="status">
          {result.done}
        </div>
      ) : null}
      <p className="cluster">
        <span className="badge">{post.category_name}</span>
        {post.hidden_at ? <span className="badge">Hidden</span> : null}
        {post.deleted_at ? <span className="badge">Deleted</span> : null}
        {post.locked_at ? <span className="badge">Thread locked</span> : null}
        {post.pinned_at ? <span className="badge">Thread pinned</span> : null}
        <a href={`/mod/users/${post.author_handle}`}>Moderate {post.author_name}</a>
        <a href={`/posts/${post.id}/edit`}>Edit this post</a>
        <a href={`/posts/${post.id}/history`}>History</a>
      </p>
      <div className="card post-body prose" dangerouslySetInnerHTML={{ __html: post.body_html }} />

      <section className="card stack-tight" aria-labelledby="post-actions-heading">
        <h2 id="post-actions-heading">Post</h2>
        <Form method="post" className="mod-actions">
          <div className="field">
            <label htmlFor="post-reason">Reason (the author sees it when a post is hidden or deleted)</label>
            <textarea id="post-reason" name="reason" rows={1} maxLength={500} defaultValue={failure?.values.reason} />
            {errors.reason ? <p className="field-error">{errors.reason}</p> : null}
          </div>
          {post.deleted_at ? null : (
            <button type="submit" name="intent" value={post.hidden_at ? "unhide" : "hide"}>
              {post.hidden_at ? "Restore (unhide)" : "Hide"}
            </button>
          )}
          <button type="submit" name="intent" value={post.deleted_at ? "undelete" : "delete"} className={post.deleted_at ? undefined : "button-danger"}>
            {post.deleted_at ? "Restore (undelete)" : "Delete"}
          </button>
        </Form>
      </section>

      <section className="card stack-tight" aria-labelledby="thread-actions-heading">
        <h2 id="thread-actions-heading">Thread</h2>
        <Form method="post" className="mod-actions">
          <button type="submit" name="intent" value={post.locked_at ? "unlock" : "lock"}>
            {post.locked_at ? "Unlock" : "Lock"}
          </button>
          <button type="submit" name="intent" value={post.pinned_at ? "unpin" : "pin"}>
            {post.pinned_at ? "Unpin" : "Pin"}
          </button>
        </Form>
        <Form method="post" className="mod-actions">
          <input type="hidden" name="intent" value="move" />
          <div className="field">
            <label htmlFor="move-category">Move the thread to</label>
            <select id="move-category" name="categoryId" defaultValue="" aria-invalid={errors.categoryId ? true : undefined} aria-describedby={errors.categoryId ? "move-error" : undefined}>
              <option value="" disabled>
                Choose a category
              </option>
              {moveTargets.map((category) => (
                <option key={category.id} value={category.id}>
                  {category.name}
                </option>
              ))}
            </select>
            {errors.categoryId ? (
              <p className="field-error" id="move-error">
                {errors.categoryId}
              </p>
            ) : null}
          </div>
          <div className="field">
            <label htmlFor="move-reason">Reason (optional)</label>
            <input id="move-reason" name="reason" maxLength={500} />
          </div>
          <button type="submit">Move</button>
        </Form>
        {post.post_number > 1 ? (
          <Form method="post" className="mod-actions">
            <input type="hidden" name="intent" value="merge" />
            <div className="field">
              <label htmlFor="merge-thread">Merge this reply into thread (id)</label>
              <input
                id="merge-thread"
                name="threadId"
                defaultValue={failure?.values.threadId}
                aria-invalid={errors.threadId ? true : undefined}
                aria-describedby={errors.threadId ? "merge-error" : "merge-hint"}
              />
              <p className="field-hint" id="merge-hint">
                The id is the part after /t/ in the thread&apos;s address.
              </p>
              {errors.threadId ? (
                <p className="field-error" id="merge-error">
                  {errors.threadId}
                </p>
              ) : null}
            </div>
            <button type="submit">Merge</button>
          </Form>
        ) : null}
      </section>
    </section>
  );
}
