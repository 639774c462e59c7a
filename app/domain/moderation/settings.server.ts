import { sql, type Kysely, type Transaction } from "kysely";
import { z } from "zod";
import type { DB } from "../../../db/schema";
import type { SessionUser } from "../accounts/auth.server";
import { recordAudit } from "../audit.server";
import { authorize } from "../policy.server";

type Db = Kysely<DB> | Transaction<DB>;

/** Settings admins change at run time. Defaults apply until an admin saves a value. */
export const settingsSchema = z.object({
  flagHideThreshold: z.coerce.number("Enter a number.").min(1, "At least 1.").max(50, "At most 50."),
  flagDailyLimit: z.coerce.number("Enter a number.").int("A whole number.").min(1, "At least 1.").max(200, "At most 200."),
  holdNewAccounts: z.preprocess((value) => value === true || value === "on" || value === "true", z.boolean()),
  newAccountHours: z.coerce.number("Enter a number.").int("A whole number.").min(1, "At least 1 hour.").max(24 * 30, "At most 30 days."),
  awardAdminThreshold: z.coerce.number("Enter a number.").int("A whole number.").min(1, "At least 1.").max(100_000, "At most 100000."),
  postsPerMinute: z.coerce.number("Enter a number.").int("A whole number.").min(1, "At least 1.").max(100, "At most 100."),
  postsPerHour: z.coerce.number("Enter a number.").int("A whole number.").min(1, "At least 1.").max(1000, "At most 1000."),
});
export type ModerationSettings = z.output<typeof settingsSchema>;

export const defaultSettings: ModerationSettings = {
  flagHideThreshold: 3,
  flagDailyLimit: 20,
  holdNewAccounts: false,
  newAccountHours: 24,
  awardAdminThreshold: 100,
  postsPerMinute: 10,
  postsPerHour: 120,
};

export async function getSettings(db: Db): Promise<ModerationSettings> {
  const row = await db.selectNoFrom(storedSettingsColumn().as("stored")).executeTakeFirstOrThrow();
  return settingsFrom(row.stored);
}

/**
 * The stored settings as one JSON object (null when none is stored), for a statement that reads
 * them alongside other things (the checks before a post); turn it into settings with settingsFrom.
 */
export const storedSettingsColumn = () =>
  sql<Record<string, unknown> | null>`(select jsonb_object_agg(key, value) from moderation_settings)`;

export function settingsFrom(stored: Record<string, unknown> | null): ModerationSettings {
  // A stored value that no longer validates (an older shape) falls back to its default.
  const merged = { ...defaultSettings } as Record<string, unknown>;
  for (const key of Object.keys(defaultSettings) as (keyof ModerationSettings)[]) {
    if (!stored || !(key in stored)) continue;
    const parsed = settingsSchema.shape[key].safeParse(stored[key]);
    if (parsed.success) merged[key] = parsed.data;
  }
  return merged as ModerationSettings;
}

/** Admins only; each changed key is audited with its before and after value. */
export async function updateSettings(db: Kysely<DB>, actor: SessionUser, input: ModerationSettings, at = new Date()) {
  authorize(actor, "admin.access", undefined);
  return db.transaction().execute(async (trx) => {
    const current = await getSettings(trx);
    const changed = (Object.keys(input) as (keyof ModerationSettings)[]).filter((key) => input[key] !== current[key]);
    for (const key of changed) {
      await trx
        .insertInto("moderation_settings")
        .values({ key, value: JSON.stringify(input[key]), updated_by: actor.id, updated_at: at })
        .onConflict((oc) => oc.column("key").doUpdateSet({ value: JSON.stringify(input[key]), updated_by: actor.id, updated_at: at }))
        .execute();
      await recordAudit(trx, { actorId: actor.id, action: "settings.changed", targetType: "setting", targetId: key, before: current[key], after: input[key] });
    }
    return changed;
  });
}
