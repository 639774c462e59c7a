import { z } from "zod";
import type { PartnerTier } from "../../../db/schema";

export const partnerTiers = ["registered", "silver", "gold", "platinum"] as const satisfies readonly PartnerTier[];

/** The community-sector segments the directory filters on (docs/decisions/014). */
export const communitySegments = ["nonprofits", "civic associations", "community foundations", "local government", "education", "faith-based"] as const;

/** "a, b, c" from a text field to a clean list; the form shows it joined again. */
const listOf = (label: string, maxItems = 20) =>
  z
    .string()
    .max(1000, `Keep the ${label} shorter.`)
    .default("")
    .transform((value) => [...new Set(value.split(",").map((item) => item.trim()).filter(Boolean))])
    .pipe(z.array(z.string().max(80, `Keep each of the ${label} to 80 characters or fewer.`)).max(maxItems, `List at most ${maxItems} ${label}.`));

const website = z
  .string()
  .trim()
  .max(200, "Keep the website address to 200 characters or fewer.")
  .default("")
  .refine((value) => value === "" || /^https?:\/\/[^\s/]+\.[^\s]+$/i.test(value), "Enter a full web address starting with https://, or leave it empty.")
  .transform((value) => value || null);

/** What a partner admin may change about their own organization. */
export const organizationProfileSchema = z.object({
  description: z.string().trim().max(2000, "Keep the description to 2,000 characters or fewer.").default(""),
  website,
  regions: listOf("regions", 10),
  countries: listOf("countries", 60),
  specializations: listOf("specializations"),
  communitySector: z
    .string()
    .optional()
    .transform((value) => value === "on"),
  segments: z
    .array(z.enum(communitySegments, "Choose segments from the list."))
    .default([]),
});
export type OrganizationProfileInput = z.output<typeof organizationProfileSchema>;

/** Name, tier and certifications are the vendor's to set: admins only. */
export const organizationAdminSchema = organizationProfileSchema.extend({
  name: z.string().trim().min(2, "Enter the organization's name.").max(100, "Keep the name to 100 characters or fewer."),
  tier: z.enum(partnerTiers, "Choose a partner tier."),
  certifications: listOf("certifications"),
});
export type OrganizationAdminInput = z.output<typeof organizationAdminSchema>;

export const moveMemberSchema = z.object({
  handle: z.string().trim().min(1, "Enter the person's handle.").max(60).transform((value) => value.replace(/^@/, "")),
  organizationId: z
    .string()
    .default("")
    .transform((value) => (value ? Number(value) : null))
    .pipe(z.number().int().positive().nullable()),
  reason: z.string().trim().max(500).default(""),
});
