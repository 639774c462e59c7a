import { Form } from "@remix-run/react";
import { SelectField, TextAreaField, TextField } from "../forms";
import { communitySegments, partnerTiers } from "../../domain/organizations/validation";
import { tierLabel } from "./organization-mark";

export interface OrganizationFormValues {
  name: string;
  tier: string;
  description: string;
  website: string;
  regions: string;
  countries: string;
  specializations: string;
  certifications: string;
  communitySector: boolean;
  segments: string[];
}

/**
 * One form for creating and editing organizations. `vendorFields` shows what only admins set
 * (name, tier, certifications); values come back from a refused submission as typed.
 */
export function OrganizationForm({
  values,
  errors,
  vendorFields,
  submitLabel,
  intent,
}: {
  values: OrganizationFormValues;
  errors: Partial<Record<string, string>>;
  vendorFields: boolean;
  submitLabel: string;
  intent?: string;
}) {
  return (
    <Form method="post" className="form card" noValidate>
      {intent ? <input type="hidden" name="intent" value={intent} /> : null}
      {vendorFields ? (
        <>
          <TextField label="Name" name="name" defaultValue={values.name} error={errors.name} required />
          <SelectField label="Partner tier" name="tier" defaultValue={values.tier} error={errors.tier}>
            {partnerTiers.map((tier) => (
              <option key={tier} value={tier}>
                {tierLabel(tier)}
              </option>
            ))}
          </SelectField>
          <TextField label="Certifications" name="certifications" defaultValue={values.certifications} error={errors.certifications} hint="Separate with commas." />
        </>
      ) : null}
      <TextAreaField label="Description" name="description" rows={4} defaultValue={values.description} error={errors.description} />
      <TextField label="Website" name="website" type="url" defaultValue={values.website} error={errors.website} hint="For example https://example.com" />
      <TextField label="Regions" name="regions" defaultValue={values.regions} error={errors.regions} hint="Separate with commas: North America, EMEA, APAC, LATAM." />
      <TextField label="Countries" name="countries" defaultValue={values.countries} error={errors.countries} hint="Separate with commas." />
      <TextField label="Specializations (products and services)" name="specializations" defaultValue={values.specializations} error={errors.specializations} hint="Separate with commas." />
      <div className="field">
        <input type="checkbox" id="org-community-sector" name="communitySector" defaultChecked={values.communitySector} />{" "}
        <label htmlFor="org-community-sector">Serves community-sector customers</label>
      </div>
      <fieldset className="facet">
        <legend>Community-sector segments served</legend>
        {errors.segments ? <p className="field-error">{errors.segments}</p> : null}
        <ul>
          {communitySegments.map((segment) => (
            <li key={segment}>
              <input type="checkbox" id={`segment-${segment.replace(/\W/g, "-")}`} name="segments" value={segment} defaultChecked={values.segments.includes(segment)} />
              <label htmlFor={`segment-${segment.replace(/\W/g, "-")}`}>{segment}</label>
            </li>
          ))}
        </ul>
      </fieldset>
      <div>
        <button type="submit">{submitLabel}</button>
      </div>
    </Form>
  );
}

/** A submitted organization form as the domain reads it (segments are many checkboxes). */
export function organizationFormInput(formData: FormData) {
  const input: Record<string, unknown> = {};
  for (const [key, value] of formData) if (typeof value === "string" && key !== "segments") input[key] = value;
  input.segments = formData.getAll("segments").filter((value): value is string => typeof value === "string");
  return input;
}

export function formValuesFromInput(input: Record<string, unknown>): OrganizationFormValues {
  const text = (key: string) => (typeof input[key] === "string" ? (input[key] as string) : "");
  return {
    name: text("name"),
    tier: text("tier") || "registered",
    description: text("description"),
    website: text("website"),
    regions: text("regions"),
    countries: text("countries"),
    specializations: text("specializations"),
    certifications: text("certifications"),
    communitySector: input.communitySector === "on",
    segments: Array.isArray(input.segments) ? (input.segments as string[]) : [],
  };
}
