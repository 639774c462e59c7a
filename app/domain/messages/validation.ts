import { z } from "zod";

/** Including the sender: "small groups" (docs/decisions/014-directory-and-messages.md). */
export const MAX_PARTICIPANTS = 10;
export const MAX_MESSAGE = 5000;

export const messageBody = z
  .string()
  .trim()
  .min(1, "Write a message first.")
  .max(MAX_MESSAGE, `Keep a message to ${MAX_MESSAGE.toLocaleString("en")} characters or fewer.`);

export const newConversationSchema = z.object({
  to: z
    .string()
    .max(1000)
    .transform((value) => [...new Set(value.split(/[\s,]+/).map((handle) => handle.replace(/^@/, "").toLowerCase()).filter(Boolean))])
    .pipe(
      z
        .array(z.string().max(60))
        .min(1, "Enter the handle of at least one person.")
        .max(MAX_PARTICIPANTS - 1, `A conversation has at most ${MAX_PARTICIPANTS} people, you included.`),
    ),
  body: messageBody,
});

export const replySchema = z.object({ body: messageBody });

export const reportSchema = z.object({
  messageId: z.string().min(1).max(64),
  reason: z.string().trim().max(500, "Keep the reason to 500 characters or fewer.").default(""),
});
