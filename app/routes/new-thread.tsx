import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { FormAlert, SelectField, TextField } from "../components/forms";
import { MarkdownEditor } from "../components/markdown-editor";
import { SimilarThreads } from "../components/similar-threads";
import { createThread } from "../domain/forum/threads.server";
import { listCategories } from "../domain/forum/queries.server";
import { MAX_TITLE, newThreadSchema } from "../domain/forum/validation";
import { can } from "../domain/policy.server";
import { parseForm } from "../utils/forms";
import { invalid, refusal, requireUser, type ActionFailure } from "../utils/http.server";

export const meta: MetaFunction = () => [{ title: "New thread · Partner Community" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const categories = (await listCategories(context.db, user)).filter((category) =>
    can(user, "forum.createThread", { id: category.id, visibility: category.visibility, councilId: category.council_id }),
  );
  const tags = await context.db.selectFrom("tags").select(["slug", "name"]).orderBy("name").execute();
  const preselected = new URL(request.url).searchParams.get("category") ?? "";
  return { categories: categories.map((c) => ({ id: c.id, name: c.name })), tags, preselected };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const form = parseForm(newThreadSchema, await request.formData());
  if (!form.ok) return invalid(form.errors, form.values);
  try {
    const created = await createThread(context.db, { actor: user, thread: form.data, render: context.renderMarkdown });
    return redirect(`/t/${created.threadId}/${created.slug}`);
  } catch (error) {
    return refusal(error, form.values);
  }
}

export default function NewThread() {
  const { categories, tags, preselected } = useLoaderData<typeof loader>();
  const failure = useActionData<ActionFailure>();
  const errors = failure?.errors ?? {};
  const values = failure?.values ?? {};
  const submitting = useNavigation().state === "submitting";
  return (
    <section className="stack">
      <h1>Start a new thread</h1>
      <FormAlert message={errors.form} />
      <Form method="post" className="form wide" noValidate>
        <TextField
          label="Title"
          name="title"
          required
          maxLength={MAX_TITLE + 50}
          defaultValue={values.title}
          error={errors.title}
          hint="A question or a statement people can act on, for example “How do you price a nonprofit migration?”"
        />
        <SimilarThreads inputName="title" />
        <SelectField label="Category" name="categoryId" required defaultValue={values.categoryId ?? preselected} error={errors.categoryId}>
          <option value="">Choose a category</option>
          {categories.map((category) => (
            <option key={category.id} value={category.id}>
              {category.name}
            </option>
          ))}
        </SelectField>
        <TextField
          label="Tags"
          name="tags"
          list="known-tags"
          defaultValue={values.tags}
          error={errors.tags}
          hint="Up to 5, separated by commas."
        />
        <datalist id="known-tags">
          {tags.map((tag) => (
            <option key={tag.slug} value={tag.slug}>
              {tag.name}
            </option>
          ))}
        </datalist>
        <MarkdownEditor name="body" label="Your post (Markdown)" defaultValue={values.body} error={errors.body} />
        <div>
          <button type="submit" disabled={submitting}>
            {submitting ? "Posting…" : "Post thread"}
          </button>
        </div>
      </Form>
    </section>
  );
}
