import { sql, type Kysely, type Transaction } from "kysely";
import type { DB } from "../../../db/schema";
import { defaultCadence, isCadence, isMailKind, mailKinds, type MailCadence, type MailKind } from "./kinds";

type Db = Kysely<DB> | Transaction<DB>;
export type MailPreferences = Record<MailKind, MailCadence>;

export async function mailPreferences(db: Db, userId: string): Promise<MailPreferences> {
  const rows = await db.selectFrom("mail_preferences").select(["kind", "cadence"]).where("user_id", "=", userId).execute();
  return preferencesFrom(Object.fromEntries(rows.map((row) => [row.kind, row.cadence])));
}

/**
 * A person's stored choices as a column (kind to cadence, null when none is stored) of a
 * statement that has their id at `userIdColumn`: a mail job reads them with its notification,
 * not in a round trip of their own. Turn it into preferences with preferencesFrom.
 */
export const mailPreferencesColumn = (userIdColumn: string) =>
  sql<Record<string, string> | null>`(select jsonb_object_agg(kind, cadence) from mail_preferences
    where user_id = ${sql.ref(userIdColumn)})`;

/** Stored choices over the defaults; a kind or cadence no longer known is ignored. */
export function preferencesFrom(stored: Record<string, string> | null): MailPreferences {
  const preferences = { ...defaultCadence };
  for (const [kind, cadence] of Object.entries(stored ?? {})) if (isMailKind(kind) && isCadence(cadence)) preferences[kind] = cadence;
  return preferences;
}

export async function cadenceFor(db: Db, userId: string, kind: MailKind): Promise<MailCadence> {
  return (await mailPreferences(db, userId))[kind];
}

/** Stores every kind given (defaults included), so a later change of default does not move anyone's choice. */
export async function setMailPreferences(db: Db, userId: string, preferences: Partial<MailPreferences>) {
  const rows = mailKinds
    .filter((kind) => preferences[kind] !== undefined)
    .map((kind) => ({ user_id: userId, kind, cadence: preferences[kind]! }));
  if (rows.length === 0) return;
  await db
    .insertInto("mail_preferences")
    .values(rows)
    .onConflict((oc) => oc.columns(["user_id", "kind"]).doUpdateSet((eb) => ({ cadence: eb.ref("excluded.cadence") })))
    .execute();
}

/** The one-click unsubscribe: a kind, or "digest" (every kind that arrives in a digest), to never. */
export async function unsubscribe(db: Db, userId: string, scope: string): Promise<MailKind[]> {
  const current = await mailPreferences(db, userId);
  const kinds =
    scope === "digest"
      ? mailKinds.filter((kind) => current[kind] === "daily" || current[kind] === "weekly")
      : isMailKind(scope)
        ? [scope]
        : [];
  await setMailPreferences(db, userId, Object.fromEntries(kinds.map((kind) => [kind, "never"])));
  return kinds;
}
