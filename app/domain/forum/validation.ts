import { z } from "zod";

export const MAX_TITLE = 200;
export const MAX_BODY = 50_000;
export const MAX_TAGS = 5;
export const reactionKinds = ["like", "thanks", "insightful"] as const;
export const reactionLabels: Record<(typeof reactionKinds)[number], string> = {
  like: "Like",
  thanks: "Thanks",
  insightful: "Insightful",
};

const body = z
  .string()
  .max(MAX_BODY, `Keep the post to ${MAX_BODY.toLocaleString("en")} characters or fewer.`)
  .refine((value) => value.trim().length > 0, "Write something before posting.");

export const newThreadSchema = z.object({
  title: z
    .string()
    .trim()
    .min(1, "Give your thread a title.")
    .min(5, "Make the title at least 5 characters, so people know what it is about.")
    .max(MAX_TITLE, `Keep the title to ${MAX_TITLE} characters or fewer.`),
  categoryId: z.coerce.number({ error: "Choose a category." }).int().positive("Choose a category."),
  tags: z
    .string()
    .default("")
    .transform((value) =>
      [...new Set(value.split(",").map((tag) => tag.trim().toLowerCase()).filter(Boolean))],
    )
    .pipe(z.array(z.string().max(40)).max(MAX_TAGS, `Use at most ${MAX_TAGS} tags.`)),
  body,
});
export type NewThreadInput = z.output<typeof newThreadSchema>;

export const replySchema = z.object({
  body,
  replyToPostId: z.string().max(40).optional(),
});

export const editSchema = z.object({ body, title: z.string().trim().max(MAX_TITLE).optional() });
