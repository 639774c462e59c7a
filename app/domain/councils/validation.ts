import { z } from "zod";
import { DomainError } from "../errors";

export const councilRoles = ["chair", "member", "vendor_liaison"] as const;
export const roleLabels: Record<(typeof councilRoles)[number], string> = {
  chair: "Chair",
  member: "Member",
  vendor_liaison: "Vendor liaison",
};
export const DEFAULT_OPTIONS = ["Yes", "No", "Abstain"];

const text = (label: string, max: number) =>
  z.string({ error: `Enter the ${label}.` }).trim().min(1, `Enter the ${label}.`).max(max, `Keep the ${label} to ${max} characters or fewer.`);
const date = (label: string) =>
  z.coerce.date({ error: `Enter a valid ${label}.` }).refine((d) => !Number.isNaN(d.getTime()), `Enter a valid ${label}.`);

export const councilSchema = z.object({
  name: text("council name", 120),
  objective: text("objective", 2000),
  meetingFrequency: text("meeting frequency", 200),
  expectedCommitment: text("expected commitment", 500),
  termsText: text("confidentiality terms", 20_000),
});
export type CouncilInput = z.output<typeof councilSchema>;

export const termsSchema = z.object({ termsText: text("confidentiality terms", 20_000) });

export const inviteSchema = z
  .object({
    handle: text("member's handle", 60).transform((h) => h.replace(/^@/, "").toLowerCase()),
    role: z.enum(councilRoles, { error: "Choose a role." }),
    termStart: date("term start"),
    termEnd: date("term end"),
  })
  .refine((v) => v.termEnd > v.termStart, { message: "The term must end after it starts.", path: ["termEnd"] });
export type InviteInput = z.output<typeof inviteSchema>;

const options = z
  .array(z.string().trim().min(1).max(80, "Keep each option to 80 characters or fewer."))
  .transform((list) => [...new Set(list)])
  .pipe(z.array(z.string()).min(2, "Give at least two options to choose from.").max(10, "Use at most 10 options."));

export const proposalSchema = z.object({
  title: text("proposal title", 200),
  body: text("proposal text", 20_000),
  options,
});
export type ProposalInput = z.output<typeof proposalSchema>;

/** Options typed one per line in a form; an empty box means yes / no / abstain. */
export function optionsFromText(value: string | undefined, useDefault: boolean) {
  if (useDefault) return DEFAULT_OPTIONS;
  return (value ?? "").split("\n").map((line) => line.trim()).filter(Boolean);
}

export const openVotingSchema = z.object({
  closesAt: date("voting deadline"),
  liveResults: z.boolean().default(false),
});

const timeZone = z.string().trim().refine((zone) => {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}, "Choose a time zone from the list (for example Europe/Paris).");

export const meetingSchema = z
  .object({
    title: text("meeting title", 200),
    /** Wall-clock "YYYY-MM-DDTHH:mm" in timeZone (a datetime-local field). */
    startsAt: z.string({ error: "Enter the date and time." }).trim().min(1, "Enter the date and time."),
    timeZone,
    location: z.string().trim().max(300).default(""),
    callLink: z
      .string()
      .trim()
      .max(500)
      .default("")
      .refine((link) => link === "" || /^https:\/\//.test(link), "Use a call link that starts with https://."),
  })
  .refine((m) => m.location !== "" || m.callLink !== "", { message: "Give a location or a call link.", path: ["location"] });
export type MeetingInput = z.output<typeof meetingSchema>;

export const agendaItemSchema = z.object({
  title: text("agenda item", 200),
  ownerHandle: z.string().trim().max(60).default(""),
  threadId: z.string().trim().max(40).default(""),
  proposalId: z.string().trim().max(40).default(""),
});

export const actionItemSchema = z.object({
  title: text("action item", 300),
  ownerHandle: text("owner's handle", 60),
  dueAt: date("due date"),
});

export const minutesSchema = z.object({ minutes: text("minutes", 50_000) });

/** zod at the domain boundary: the first problem becomes a DomainError at its field. */
export function validate<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  throw new DomainError(issue.message, 400, String(issue.path[0] ?? "form"));
}
