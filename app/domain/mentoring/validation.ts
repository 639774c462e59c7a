import { z } from "zod";
import type { FieldErrors } from "../../utils/forms";
import { isKnownTimeZone } from "./time-zones";
import { MENTORING_SEGMENTS, URGENCIES } from "./vocabulary";

export const MAX_CAPACITY = 20;
export const MAX_TOPICS = 12;

const terms = (max: number, message: string) =>
  z
    .array(z.string())
    .transform((values) => [...new Set(values.map((value) => value.trim()).filter(Boolean))])
    .pipe(z.array(z.string().max(60, "Keep each entry to 60 characters or fewer.")).max(max, message));
const termList = (max: number, message: string) => terms(max, message).default([]);

/** "English, Spanish" or several form values alike. */
const languageList = z
  .union([z.string(), z.array(z.string())])
  .default([])
  .transform((value) => (Array.isArray(value) ? value : value.split(",")))
  .pipe(terms(8, "List at most 8 languages."));

const timeZone = z.string().trim().refine(isKnownTimeZone, "Choose a time zone from the list.");
const segment = z.enum(MENTORING_SEGMENTS, { error: "Choose a segment from the list." });
const checkbox = z
  .union([z.literal("on"), z.literal("true"), z.literal("yes"), z.literal(""), z.boolean()])
  .optional()
  .transform((value) => value === true || value === "on" || value === "true" || value === "yes");

export const mentorProfileSchema = z.object({
  accepting: checkbox,
  capacity: z.coerce
    .number({ error: "Enter how many mentees you can take." })
    .int("Enter a whole number.")
    .min(0, "Capacity cannot be negative.")
    .max(MAX_CAPACITY, `At most ${MAX_CAPACITY} mentees at a time.`),
  topics: termList(MAX_TOPICS, `Choose at most ${MAX_TOPICS} topics.`),
  languages: languageList.refine((list) => list.length > 0, "List at least one language you mentor in."),
  timeZone,
  segments: z.array(segment).default([]),
  pitch: z.string().trim().max(600, "Keep the pitch to 600 characters or fewer.").default(""),
});
export type MentorProfileInput = z.output<typeof mentorProfileSchema>;

export const menteeNeedsSchema = z.object({
  goals: z.string().trim().max(2000, "Keep your goals to 2,000 characters or fewer.").default(""),
  topics: termList(MAX_TOPICS, `Choose at most ${MAX_TOPICS} topics.`).refine((list) => list.length > 0, "Choose at least one topic."),
  languages: languageList,
  languageRequired: checkbox,
  timeZone,
  segment: z.union([z.literal(""), segment]).default("").transform((value) => value || null),
  urgency: z.enum(URGENCIES, { error: "Choose how soon you need help." }).default("normal"),
});
export type MenteeNeedsInput = z.output<typeof menteeNeedsSchema>;

export const mentorshipRequestSchema = menteeNeedsSchema.extend({
  mentorId: z.string().min(1, "Choose a mentor."),
  message: z
    .string()
    .trim()
    .min(1, "Write a short message to the mentor.")
    .max(2000, "Keep the message to 2,000 characters or fewer."),
});
export type MentorshipRequestInput = z.output<typeof mentorshipRequestSchema>;

export const declineSchema = z.object({
  reason: z.string().trim().max(500, "Keep the reason to 500 characters or fewer.").default(""),
});

export const END_REASONS = ["completed", "not_a_good_fit", "other"] as const;
export const endReasonLabels: Record<(typeof END_REASONS)[number], string> = {
  completed: "We reached the goals: complete it",
  not_a_good_fit: "Not a good fit: the mentee can be matched again",
  other: "Another reason",
};
export const endSchema = z.object({
  reason: z.enum(END_REASONS, { error: "Choose why the mentorship ends." }),
  note: z.string().trim().max(500, "Keep the note to 500 characters or fewer.").default(""),
});

export const noteSchema = z.object({
  body: z
    .string()
    .max(10_000, "Keep the note to 10,000 characters or fewer.")
    .refine((value) => value.trim().length > 0, "Write something before saving."),
});

export const sessionSchema = z.object({
  heldOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Enter the date as yyyy-mm-dd.").refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)), "Enter a real date."),
  durationMinutes: z.coerce
    .number({ error: "Enter the length in minutes." })
    .int("Enter whole minutes.")
    .min(5, "A session is at least 5 minutes.")
    .max(600, "A session is at most 600 minutes."),
  topics: termList(MAX_TOPICS, `Choose at most ${MAX_TOPICS} topics.`),
  summary: z.string().trim().max(1000, "Keep the summary to 1,000 characters or fewer.").default(""),
});
export type SessionInput = z.output<typeof sessionSchema>;

export const feedbackSchema = z.object({
  rating: z.coerce.number({ error: "Choose a rating from 1 to 5." }).int("Choose a rating from 1 to 5.").min(1, "Choose a rating from 1 to 5.").max(5, "Choose a rating from 1 to 5."),
  comment: z.string().trim().max(2000, "Keep the comment to 2,000 characters or fewer.").default(""),
});

/** A form's fields as zod expects them: `listFields` keep every value (checkbox groups). */
export function formInput(formData: FormData, listFields: readonly string[] = []) {
  const input: Record<string, unknown> = {};
  for (const [key, value] of formData) {
    if (typeof value !== "string") continue;
    if (listFields.includes(key)) input[key] = [...((input[key] as string[] | undefined) ?? []), value];
    else input[key] = value;
  }
  return input;
}

/** Parses with `schema`; the first message per field is what the user sees at that field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): { ok: true; data: z.output<S> } | { ok: false; errors: FieldErrors } {
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) errors[String(issue.path[0] ?? "form")] ??= issue.message;
  return { ok: false, errors };
}
