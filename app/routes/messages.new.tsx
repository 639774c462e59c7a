import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { FormAlert, TextAreaField, TextField } from "../components/forms";
import { startConversation } from "../domain/messages/conversations.server";
import { MAX_PARTICIPANTS } from "../domain/messages/validation";
import { formValues } from "../utils/forms";
import { authorizeRequest, refusal, requireUser, type ActionFailure } from "../utils/http.server";

export const meta: MetaFunction = () => [{ title: "New message · Partner Community" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  requireUser(context, request);
  return { to: (new URL(request.url).searchParams.get("to") ?? "").slice(0, 200) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  authorizeRequest(user, "messages.send", undefined);
  const formData = await request.formData();
  const values = formValues(formData);
  try {
    const { conversationId } = await startConversation(context.db, { actor: user, raw: values, render: context.renderMarkdown });
    return redirect(`/messages/${conversationId}`);
  } catch (error) {
    return refusal(error, values);
  }
}

export default function NewMessage() {
  const { to } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>() as ActionFailure | undefined;
  return (
    <section className="stack narrow">
      <h1>New message</h1>
      <FormAlert message={failure?.errors.form} />
      <Form method="post" className="form card" noValidate>
        <TextField
          label="To"
          name="to"
          defaultValue={failure?.values.to ?? to}
          error={failure?.errors.to}
          hint={`Handles, separated by commas or spaces: up to ${MAX_PARTICIPANTS - 1} people.`}
          autoComplete="off"
        />
        <TextAreaField label="Message" name="body" rows={6} defaultValue={failure?.values.body} error={failure?.errors.body} hint="Markdown works here." />
        <div>
          <button type="submit">Send</button>
        </div>
      </Form>
    </section>
  );
}
