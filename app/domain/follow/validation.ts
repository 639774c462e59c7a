import { z } from "zod";
import { watchLevels } from "./kinds";
import { reminderPresets, type ReminderPreset } from "./reminders";

export const MAX_NOTE = 500;

const textId = z.string().min(1).max(40);
const presets = Object.keys(reminderPresets) as [ReminderPreset, ...ReminderPreset[]];

/** What /api/follow accepts, one shape per intent. */
export const followSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("watch-thread"), threadId: textId, level: z.enum([...watchLevels, "default"]) }),
  z.object({ intent: z.literal("watch-category"), categoryId: z.coerce.number().int().positive(), level: z.enum(watchLevels) }),
  z.object({
    intent: z.literal("bookmark"),
    postId: textId,
    remind: z.enum([...presets, "keep"]).default("none"),
    remindAt: z.string().max(20).default(""),
    note: z.string().max(MAX_NOTE, `Keep the note to ${MAX_NOTE} characters or fewer.`).default(""),
  }),
  z.object({ intent: z.literal("unbookmark"), postId: textId }),
]);
export type FollowInput = z.output<typeof followSchema>;
