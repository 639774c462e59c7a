import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { FormAlert, TextAreaField, TextField } from "../components/forms";
import { RelativeTime } from "../components/time";
import { liftRestrictions, restrictionSchema, restrictionsOf, restrictUser } from "../domain/moderation/restrictions.server";
import { can } from "../domain/policy.server";
import { parseForm } from "../utils/forms";
import { authorizeRequest, invalid, notFoundResponse, refusal, requireUser, type ActionFailure } from "../utils/http.server";

export const meta: MetaFunction = () => [{ title: "Moderate a person · Partner Community" }];

async function personByHandle(context: LoaderFunctionArgs["context"], handle: string) {
  const person = await context.db
    .selectFrom("users")
    .select(["id", "display_name", "handle", "role", "created_at"])
    .where((eb) => eb(eb.fn("lower", ["handle"]), "=", handle.toLowerCase()))
    .executeTakeFirst();
  if (!person) throw notFoundResponse();
  return person;
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  authorizeRequest(user, "moderation.access", undefined, { hide: true });
  const person = await personByHandle(context, params.handle ?? "");
  const restrictions = await restrictionsOf(context.db, person.id);
  return {
    person,
    restrictions,
    mayRestrict: can(user, "moderation.restrictUser", { id: person.id, role: person.role }),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  authorizeRequest(user, "moderation.access", undefined, { hide: true });
  const person = await personByHandle(context, params.handle ?? "");
  const formData = await request.formData();
  formData.set("userId", person.id);
  try {
    if (formData.get("intent") === "lift") {
      await liftRestrictions(context.db, user, { userId: person.id, reason: String(formData.get("reason") ?? "").slice(0, 500) || null });
      return data({ done: "Restrictions lifted." });
    }
    const form = parseForm(restrictionSchema, formData);
    if (!form.ok) return invalid(form.errors, form.values);
    const { until } = await restrictUser(context.db, user, form.data);
    return data({ done: `${form.data.kind === "suspend" ? "Suspended" : "Silenced"} until ${until.toISOString().slice(0, 16).replace("T", " ")} UTC.` });
  } catch (error) {
    return refusal(error, Object.fromEntries([...formData].filter(([, v]) => typeof v === "string")) as Record<string, string>);
  }
}

export default function ModeratePerson() {
  const { person, restrictions, mayRestrict } = useLoaderData<typeof loader>();
  const result = useActionData<ActionFailure | { done: string }>();
  const failure = result && "errors" in result ? result : undefined;
  const errors = failure?.errors ?? {};
  return (
    <section className="stack narrow">
      <h1>{person.display_name}</h1>
      <p className="muted">
        @{person.handle} · {person.role} · member since <RelativeTime date={person.created_at} /> · <a href={`/u/${person.handle}`}>Profile</a> · <a href={`/mod/awards?to=${person.handle}`}>Award recognition</a>
      </p>
      <FormAlert message={errors.form} />
      {result && "done" in result ? (
        <div className="alert alert-success" role="status">
          {result.done}
        </div>
      ) : null}
      {restrictions.suspended ? (
        <p className="alert alert-info">
          Suspended until {new Date(restrictions.suspended.until).toISOString().slice(0, 16).replace("T", " ")} UTC: {restrictions.suspended.reason}
        </p>
      ) : null}
      {restrictions.silenced ? (
        <p className="alert alert-info">
          Silenced until {new Date(restrictions.silenced.until).toISOString().slice(0, 16).replace("T", " ")} UTC: {restrictions.silenced.reason}
        </p>
      ) : null}
      {mayRestrict ? (
        <>
          <Form method="post" className="form card stack">
            <h2>Suspend or silence</h2>
            <fieldset className="stack-tight">
              <legend>What</legend>
              <label className="cluster">
                <input type="radio" name="kind" value="suspend" defaultChecked={failure?.values.kind !== "silence"} /> Suspend: cannot post, react or flag; live
                connections are closed
              </label>
              <label className="cluster">
                <input type="radio" name="kind" value="silence" defaultChecked={failure?.values.kind === "silence"} /> Silence: can read and react, cannot post or flag
              </label>
            </fieldset>
            <TextField label="For how many days" name="days" type="number" min={1} max={3650} defaultValue={failure?.values.days ?? "7"} error={errors.days} />
            <TextAreaField label="Reason (the person sees it)" name="reason" rows={3} maxLength={500} defaultValue={failure?.values.reason} error={errors.reason} />
            <button type="submit" className="button-danger">
              Apply
            </button>
          </Form>
          {restrictions.suspended || restrictions.silenced ? (
            <Form method="post" className="form card stack">
              <h2>Lift</h2>
              <input type="hidden" name="intent" value="lift" />
              <TextField label="Reason (optional)" name="reason" maxLength={500} />
              <button type="submit">Lift restrictions</button>
            </Form>
          ) : null}
        </>
      ) : (
        <p className="muted">Only admins can restrict moderators and admins, and nobody restricts themselves.</p>
      )}
    </section>
  );
}
