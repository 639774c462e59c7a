import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { FormAlert, TextField } from "../components/forms";
import { MarkdownEditor } from "../components/markdown-editor";
import { editPost, pageOf } from "../domain/forum/posts.server";
import { loadPostRef } from "../domain/forum/refs.server";
import { editSchema } from "../domain/forum/validation";
import { can } from "../domain/policy.server";
import { parseForm } from "../utils/forms";
import { invalid, refusal, requireUser, type ActionFailure } from "../utils/http.server";

export const meta: MetaFunction = () => [{ title: "Edit post · Partner Community" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const post = await loadPostRef(context.db, params.id ?? "");
  if (!post || !can(user, "forum.readPost", post)) throw new Response("That post does not exist.", { status: 404 });
  if (!can(user, "forum.editPost", post)) throw new Response("You can only edit your own posts.", { status: 403 });
  const row = await context.db
    .selectFrom("posts")
    .innerJoin("threads", "threads.id", "posts.thread_id")
    .select(["posts.body_source", "threads.title", "threads.slug"])
    .where("posts.id", "=", post.id)
    .executeTakeFirstOrThrow();
  return { postId: post.id, isOpening: post.postNumber === 1, title: row.title, body: row.body_source };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const form = parseForm(editSchema, await request.formData());
  if (!form.ok) return invalid(form.errors, form.values);
  try {
    await editPost(context.db, { actor: user, postId: params.id ?? "", ...form.data, render: context.renderMarkdown });
    const post = await loadPostRef(context.db, params.id ?? "");
    return redirect(`/t/${post!.thread.id}?page=${pageOf(post!.postNumber)}#post-${post!.postNumber}`);
  } catch (error) {
    return refusal(error, form.values);
  }
}

export default function EditPost() {
  const { isOpening, title, body } = useLoaderData<typeof loader>();
  const failure = useActionData<ActionFailure>();
  const submitting = useNavigation().state === "submitting";
  return (
    <section className="stack">
      <h1>Edit post</h1>
      <FormAlert message={failure?.errors.form} />
      <Form method="post" className="form wide" noValidate>
        {isOpening ? <TextField label="Title" name="title" defaultValue={failure?.values.title ?? title} error={failure?.errors.title} /> : null}
        <MarkdownEditor name="body" label="Post (Markdown)" defaultValue={failure?.values.body ?? body} error={failure?.errors.body} />
        <div className="cluster">
          <button type="submit" disabled={submitting}>
            {submitting ? "Saving…" : "Save changes"}
          </button>
        </div>
      </Form>
    </section>
  );
}
