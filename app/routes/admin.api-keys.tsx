import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { FormAlert, TextField } from "../components/forms";
import { AdminNav } from "../components/moderation/admin-nav";
import { RelativeTime } from "../components/time";
import { createApiKey, listApiKeys, revokeApiKey } from "../domain/analytics/api-keys.server";
import { apiScopes, MAX_KEY_NAME } from "../domain/analytics/api-scopes";
import { formValues } from "../utils/forms";
import { authorizeRequest, refusal, requireUser, type ActionFailure } from "../utils/http.server";

export const meta: MetaFunction = () => [{ title: "API keys · Admin · Partner Community" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  authorizeRequest(user, "analytics.manageApiKeys", undefined, { hide: true });
  return { keys: await listApiKeys(context.db, user) };
}

type Created = { created: { name: string; key: string } };
type Done = { done: string };

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = requireUser(context, request);
  authorizeRequest(actor, "analytics.manageApiKeys", undefined, { hide: true });
  const formData = await request.formData();
  const values = formValues(formData);
  try {
    if (values.intent === "revoke") {
      const revoked = await revokeApiKey(context.db, actor, Number(values.keyId));
      return data<Done>({ done: revoked ? `Revoked “${revoked.name}”: calls with it are refused from now on.` : "That key was already revoked." });
    }
    const scopes = formData.getAll("scopes").filter((value): value is string => typeof value === "string");
    const created = await createApiKey(context.db, actor, { name: values.name ?? "", scopes });
    context.log.info({ keyId: created.id, prefix: created.prefix, actorId: actor.id }, "api key created");
    // The whole key travels once, in this answer; no cache may keep it.
    return data<Created>({ created: { name: created.name, key: created.key } }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return refusal(error, values);
  }
}

export default function AdminApiKeys() {
  const { keys } = useLoaderData<typeof loader>();
  const result = useActionData<ActionFailure | Created | Done>();
  const failure = result && "errors" in result ? result : undefined;
  const errors = failure?.errors ?? {};
  return (
    <section className="stack">
      <h1>API keys</h1>
      <AdminNav />
      <p>
        Partner systems report certifications, deals and event attendance with these keys; each accepted event earns points under the{" "}
        <a href="/admin/recognition">recognition rules</a> and their daily caps. The API is described in the{" "}
        <a href="/api/v1/openapi.json">OpenAPI description</a>.
      </p>
      <FormAlert message={failure ? (errors.form ?? "Some values need fixing; see the marked fields.") : undefined} />
      {result && "done" in result ? (
        <div className="alert alert-success" role="status">
          {result.done}
        </div>
      ) : null}
      {result && "created" in result ? (
        <div className="alert alert-success stack-tight" role="status">
          <p>
            Key “{result.created.name}” created. Copy it now: it is shown only this once, and only a hash of it is kept.
          </p>
          <TextField label="New API key" readOnly value={result.created.key} onFocus={(event) => event.currentTarget.select()} />
        </div>
      ) : null}

      <Form method="post" className="form stack card" noValidate key={result && "created" in result ? result.created.key : "form"}>
        <h2>Create a key</h2>
        <input type="hidden" name="intent" value="create" />
        <TextField label="Name (the system that will use it)" name="name" maxLength={MAX_KEY_NAME} defaultValue={failure?.values.name ?? ""} error={errors.name} />
        <fieldset className="stack-tight" aria-describedby={errors.scopes ? "scopes-error" : undefined}>
          <legend>Scopes</legend>
          {Object.entries(apiScopes).map(([scope, label]) => (
            <label key={scope} className="cluster">
              <input type="checkbox" name="scopes" value={scope} defaultChecked={scope === "events:write"} />
              <span>
                <code>{scope}</code>: {label}
              </span>
            </label>
          ))}
          {errors.scopes ? (
            <p className="field-error" id="scopes-error">
              {errors.scopes}
            </p>
          ) : null}
        </fieldset>
        <div>
          <button type="submit">Create key</button>
        </div>
      </Form>

      <section className="stack-tight" aria-labelledby="keys-heading">
        <h2 id="keys-heading">Keys</h2>
        {keys.length === 0 ? (
          <p className="muted">No keys yet.</p>
        ) : (
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">API keys</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Key starts with</th>
                  <th scope="col">Scopes</th>
                  <th scope="col">Created</th>
                  <th scope="col">Last used</th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                {keys.map((key) => (
                  <tr key={key.id}>
                    <th scope="row">{key.name}</th>
                    <td>
                      <code>{key.prefix}_…</code>
                    </td>
                    <td>{key.scopes.join(", ")}</td>
                    <td>
                      <RelativeTime date={key.created_at} />
                      {key.created_by_name ? ` by ${key.created_by_name}` : ""}
                    </td>
                    <td>{key.last_used_at ? <RelativeTime date={key.last_used_at} /> : "Never"}</td>
                    <td>
                      {key.revoked_at ? (
                        <>
                          Revoked <RelativeTime date={key.revoked_at} />
                        </>
                      ) : (
                        <Form method="post">
                          <input type="hidden" name="intent" value="revoke" />
                          <input type="hidden" name="keyId" value={key.id} />
                          <button type="submit" aria-label={`Revoke ${key.name}`}>
                            Revoke
                          </button>
                        </Form>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </section>
  );
}
