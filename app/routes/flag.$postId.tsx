import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { FlagFields } from "../components/moderation/flag-form";
import { loadPostRef } from "../domain/forum/refs.server";
import { flagPost, flagSchema } from "../domain/moderation/flags.server";
import { can } from "../domain/policy.server";
import { parseForm } from "../utils/forms";
import { invalid, notFoundResponse, refusal, requireUser, type ActionFailure } from "../utils/http.server";

export const meta: MetaFunction = () => [{ title: "Flag a post · Partner Community" }];

/** The flag form as a page: what the Flag link opens without JavaScript. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const post = await loadPostRef(context.db, params.postId ?? "");
  if (!post || !can(user, "forum.readPost", post)) throw notFoundResponse();
  return { postId: post.id };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const formData = await request.formData();
  formData.set("postId", params.postId ?? "");
  const form = parseForm(flagSchema, formData);
  if (!form.ok) return invalid(form.errors, form.values);
  try {
    await flagPost(context.db, user, form.data);
  } catch (error) {
    return refusal(error, form.values);
  }
  // A form posted without JavaScript navigates: send the person back to the post.
  if (request.headers.get("sec-fetch-mode") === "navigate") throw redirect(`/p/${form.data.postId}`);
  return data({ flagged: true as const });
}

export default function FlagPage() {
  const { postId } = useLoaderData<typeof loader>();
  const failure = useActionData<ActionFailure>();
  return (
    <section className="stack narrow">
      <h1>Flag a post</h1>
      <p>
        <a href={`/p/${postId}`}>Back to the post</a>
      </p>
      {failure?.errors.form ? (
        <p className="alert alert-error" role="alert">
          {failure.errors.form}
        </p>
      ) : null}
      <Form method="post" className="form stack">
        <FlagFields postId={postId} errors={failure?.errors} values={failure?.values} />
        <button type="submit">Send flag</button>
      </Form>
    </section>
  );
}
