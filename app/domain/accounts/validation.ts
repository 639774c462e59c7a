import { z } from "zod";

/** Form schemas shared by the domain and the routes, so both report the same messages. */
export const MIN_PASSWORD = 10;
export const MAX_PASSWORD = 200;
export const MAX_DISPLAY_NAME = 60;

const email = z
  .string()
  .trim()
  .min(1, "Enter your email address.")
  .max(254, "That email address is too long.")
  .pipe(z.email("Enter a valid email address, like name@example.com."));

const displayName = z
  .string()
  .trim()
  .min(2, "Enter a display name of at least 2 characters.")
  .max(MAX_DISPLAY_NAME, `Keep the display name to ${MAX_DISPLAY_NAME} characters or fewer.`);

export const signupSchema = z.object({
  email,
  displayName,
  password: z
    .string()
    .min(MIN_PASSWORD, `Use at least ${MIN_PASSWORD} characters for the password.`)
    .max(MAX_PASSWORD, `Keep the password to ${MAX_PASSWORD} characters or fewer.`),
  organizationId: z
    .string()
    .optional()
    .transform((value) => (value ? Number(value) : null))
    .pipe(z.number().int().positive("Choose an organization from the list.").nullable()),
  invitation: z.string().max(200).optional().default(""),
});
export type SignupInput = z.output<typeof signupSchema>;

export const loginSchema = z.object({
  email: z.string().trim().min(1, "Enter your email address.").max(254, "That email address is too long."),
  password: z.string().min(1, "Enter your password.").max(MAX_PASSWORD, "That password is too long."),
});

const listOf = (label: string, max: number) =>
  z
    .string()
    .max(500, `Keep ${label} shorter.`)
    .transform((value) =>
      value
        .split(",")
        .map((item) => item.trim())
        .filter(Boolean),
    )
    .pipe(
      z
        .array(z.string().max(40, `Each entry in ${label} must be 40 characters or fewer.`))
        .max(max, `List at most ${max} ${label}.`),
    );

export const profileSchema = z.object({
  displayName,
  title: z.string().trim().max(100, "Keep the title to 100 characters or fewer."),
  bio: z.string().trim().max(2000, "Keep the bio to 2,000 characters or fewer."),
  timeZone: z.string().refine(isTimeZone, "Choose a time zone from the list."),
  languages: listOf("languages", 10),
});
export type ProfileInput = z.output<typeof profileSchema>;

export const roles = ["member", "partner_admin", "moderator", "admin"] as const;
export const roleLabels: Record<(typeof roles)[number], string> = {
  member: "Member",
  partner_admin: "Partner admin",
  moderator: "Moderator",
  admin: "Admin",
};

export function isTimeZone(value: string) {
  if (value === "UTC") return true;
  try {
    new Intl.DateTimeFormat("en", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}
