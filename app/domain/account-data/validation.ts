import { z } from "zod";

/** What the person types to confirm a deletion; the form says so. */
export const DELETE_CONFIRMATION = "DELETE";
/** An SSO-only account proves itself by a sign-in this recent (it has no password to ask for). */
export const RECENT_SIGN_IN_MINUTES = 15;

/** The delete-account form; the password is checked by the domain (it knows whether there is one). */
export const deleteAccountSchema = z.object({
  password: z.string().max(200, "That is too long to be a password.").default(""),
  confirmation: z.string().trim().min(1, "Type DELETE to confirm.").max(20, "Type DELETE to confirm."),
  removePosts: z.literal("on").optional(),
});

export const muteSchema = z.object({
  intent: z.enum(["mute", "unmute"]),
  userId: z.string().min(1).max(64),
  redirectTo: z.string().max(500).optional(),
});
