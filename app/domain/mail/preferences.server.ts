import type { Kysely, Transaction } from "kysely";
import type { DB } from "../../../db/schema";
import { defaultCadence, isCadence, isMailKind, mailKinds, type MailCadence, type MailKind } from "./kinds";

type Db = Kysely<DB> | Transaction<DB>;
export type MailPreferences = Record<MailKind, MailCadence>;

export async function mailPreferences(db: Db, userId: string): Promise<MailPreferences> {
  const preferences = { ...defaultCadence };
  const rows = await db.selectFrom("mail_preferences").select(["kind", "cadence"]).where("user_id", "=", userId).execute();
  for (const row of rows) if (isMailKind(row.kind) && isCadence(row.cadence)) preferences[row.kind] = row.cadence;
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
