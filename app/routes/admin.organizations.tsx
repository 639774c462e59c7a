import { data, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import stylesheet from "../components/directory/directory.css?url";
import { FormAlert, SelectField, TextField } from "../components/forms";
import { OrganizationForm, formValuesFromInput, organizationFormInput, type OrganizationFormValues } from "../components/directory/organization-form";
import { DomainError } from "../domain/errors";
import { createOrganizationAsAdmin, moveMember } from "../domain/organizations/editing.server";
import { listOrganizationChoices } from "../domain/organizations/organizations.server";
import { asHttpError, authorizeRequest, requireUser } from "../utils/http.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: stylesheet }];
export const meta: MetaFunction = () => [{ title: "Organizations · Admin · Partner Community" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  authorizeRequest(user, "organization.create", undefined, { hide: true });
  return { organizations: await listOrganizationChoices(context.db) };
}

type Failure = { intent: "create" | "move"; errors: Partial<Record<string, string>>; values: Record<string, unknown> };

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  authorizeRequest(user, "organization.create", undefined, { hide: true });
  const input = organizationFormInput(await request.formData());
  const intent = input.intent === "move" ? "move" : "create";
  try {
    if (intent === "create") {
      const organization = await createOrganizationAsAdmin(context.db, user, input);
      return redirect(`/orgs/${organization.slug}`);
    }
    const moved = await moveMember(context.db, user, input);
    await context.realtime.revalidateUser(moved.userId);
    return data({ moved: String(input.handle) });
  } catch (error) {
    if (error instanceof DomainError && !(error.status === 404 && !error.field)) {
      return data<Failure>({ intent, errors: { [error.field ?? "form"]: error.message }, values: input }, { status: error.status });
    }
    return asHttpError(error);
  }
}

const emptyOrganization: OrganizationFormValues = formValuesFromInput({});

export default function AdminOrganizations() {
  const { organizations } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const failure = result && "errors" in result ? (result as Failure) : undefined;
  const createFailure = failure?.intent === "create" ? failure : undefined;
  const moveFailure = failure?.intent === "move" ? failure : undefined;
  return (
    <section className="stack">
      <h1>Organizations</h1>
      {result && "moved" in result ? (
        <div className="alert alert-success" role="status">
          Moved @{result.moved}.
        </div>
      ) : null}
      <section className="stack-tight" aria-labelledby="move-heading">
        <h2 id="move-heading">Move a person</h2>
        <FormAlert message={moveFailure?.errors.form} />
        <Form method="post" className="form card" noValidate>
          <input type="hidden" name="intent" value="move" />
          <TextField label="Their handle" name="handle" defaultValue={String(moveFailure?.values.handle ?? "")} error={moveFailure?.errors.handle} />
          <SelectField label="Move to" name="organizationId" defaultValue={String(moveFailure?.values.organizationId ?? "")} error={moveFailure?.errors.organizationId}>
            <option value="">No organization</option>
            {organizations.map((organization) => (
              <option key={organization.id} value={organization.id}>
                {organization.name}
              </option>
            ))}
          </SelectField>
          <TextField label="Reason (kept in the audit log)" name="reason" defaultValue={String(moveFailure?.values.reason ?? "")} />
          <div>
            <button type="submit">Move person</button>
          </div>
        </Form>
      </section>
      <section className="stack-tight" aria-labelledby="create-heading">
        <h2 id="create-heading">Add an organization</h2>
        <FormAlert message={createFailure?.errors.form} />
        <OrganizationForm
          key={JSON.stringify(createFailure?.values ?? null)}
          values={createFailure ? formValuesFromInput(createFailure.values) : emptyOrganization}
          errors={createFailure?.errors ?? {}}
          vendorFields
          submitLabel="Add organization"
          intent="create"
        />
      </section>
      <section className="stack-tight" aria-labelledby="all-heading">
        <h2 id="all-heading">All organizations</h2>
        <ul className="stack-tight">
          {organizations.map((organization) => (
            <li key={organization.id}>
              <a href={`/orgs/${organization.slug}`}>{organization.name}</a> · <a href={`/orgs/${organization.slug}/edit`}>Edit</a>
            </li>
          ))}
        </ul>
      </section>
    </section>
  );
}
