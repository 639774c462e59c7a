import { redirect, data, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import stylesheet from "../components/directory/directory.css?url";
import { FormAlert } from "../components/forms";
import { OrganizationForm, formValuesFromInput, organizationFormInput, type OrganizationFormValues } from "../components/directory/organization-form";
import { DomainError } from "../domain/errors";
import { updateOrganization } from "../domain/organizations/editing.server";
import { getOrganizationBySlug } from "../domain/organizations/organizations.server";
import { can } from "../domain/policy.server";
import { asHttpError, authorizeRequest, requireUser } from "../utils/http.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: stylesheet }];
export const meta: MetaFunction = () => [{ title: "Edit organization · Partner Community" }];

async function editable(args: LoaderFunctionArgs) {
  const user = requireUser(args.context, args.request);
  const organization = await getOrganizationBySlug(args.context.db, args.params.slug ?? "").catch(asHttpError);
  authorizeRequest(user, "organization.manage", { id: organization.id }, { hide: true });
  return { user, organization };
}

export async function loader(args: LoaderFunctionArgs) {
  const { user, organization } = await editable(args);
  const values: OrganizationFormValues = {
    name: organization.name,
    tier: organization.tier,
    description: organization.description,
    website: organization.website ?? "",
    regions: organization.regions.join(", "),
    countries: organization.countries.join(", "),
    specializations: organization.specializations.join(", "),
    certifications: organization.certifications.join(", "),
    communitySector: organization.community_sector,
    segments: organization.segments,
  };
  return { organization: { name: organization.name, slug: organization.slug }, values, vendorFields: can(user, "organization.create") };
}

export async function action(args: ActionFunctionArgs) {
  const { user, organization } = await editable(args);
  const input = organizationFormInput(await args.request.formData());
  try {
    const updated = await updateOrganization(args.context.db, user, organization.id, input);
    return redirect(`/orgs/${updated.slug}`);
  } catch (error) {
    if (error instanceof DomainError && error.status !== 404) {
      return data({ errors: { [error.field ?? "form"]: error.message }, values: formValuesFromInput(input) }, { status: error.status });
    }
    return asHttpError(error);
  }
}

export default function EditOrganization() {
  const { organization, values, vendorFields } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  return (
    <section className="stack narrow">
      <h1>Edit {organization.name}</h1>
      <FormAlert message={failure?.errors.form} />
      <OrganizationForm key={JSON.stringify(failure?.values ?? null)} values={failure?.values ?? values} errors={failure?.errors ?? {}} vendorFields={vendorFields} submitLabel="Save profile" />
      <p>
        <a href={`/orgs/${organization.slug}`}>Back to {organization.name}</a>
      </p>
    </section>
  );
}
