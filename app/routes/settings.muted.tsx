import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { FormAlert } from "../components/forms";
import { RelativeTime } from "../components/time";
import { listMuted, setUserMuted } from "../domain/account-data/mutes.server";
import { muteSchema } from "../domain/account-data/validation";
import { parseForm } from "../utils/forms";
import { invalid, refusal, requireUser, safeRedirect } from "../utils/http.server";

export const meta: MetaFunction = () => [{ title: "Muted people · Partner Community" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  return { muted: await listMuted(context.db, user.id) };
}

/** Mute or unmute; from a profile it goes back there, from this page it stays here. */
export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const form = parseForm(muteSchema, await request.formData());
  if (!form.ok) return invalid({ form: "That request was not understood." }, {});
  try {
    const person = await setUserMuted(context.db, user, form.data.userId, form.data.intent === "mute");
    if (form.data.redirectTo) throw redirect(safeRedirect(form.data.redirectTo, "/settings/muted"));
    return data({ done: `${form.data.intent === "mute" ? "Muted" : "Unmuted"} ${person.displayName}.` });
  } catch (error) {
    if (error instanceof Response) throw error;
    return refusal(error);
  }
}

export default function MutedPeople() {
  const { muted } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <section className="stack narrow">
      <h1>Muted people</h1>
      <p>
        Posts by people you muted are folded away in threads, they cannot send you direct messages, and what they do does not notify you.
        They are not told.
      </p>
      {result && "done" in result ? (
        <div className="alert alert-success" role="status">
          {result.done}
        </div>
      ) : null}
      <FormAlert message={result && "errors" in result ? result.errors.form : undefined} />
      {muted.length === 0 ? (
        <p className="muted">You have not muted anyone. Mute someone from their profile.</p>
      ) : (
        <ul className="stack-tight" aria-label="Muted people">
          {muted.map((person) => (
            <li key={person.id} className="cluster">
              <a href={`/u/${person.handle}`}>{person.display_name}</a>
              <span className="muted">
                muted <RelativeTime date={person.created_at} />
              </span>
              <Form method="post">
                <input type="hidden" name="intent" value="unmute" />
                <input type="hidden" name="userId" value={person.id} />
                <button type="submit" className="button-quiet" aria-label={`Unmute ${person.display_name}`}>
                  Unmute
                </button>
              </Form>
            </li>
          ))}
        </ul>
      )}
      <p>
        <a href="/settings/account">Your data</a>
      </p>
    </section>
  );
}
