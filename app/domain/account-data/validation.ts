import { z } from "zod";

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
