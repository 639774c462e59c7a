import type { Kysely, Transaction } from "kysely";
import type { DB } from "../../../db/schema";
import { disabledKinds } from "../follow/notifications.server";
import { levelById } from "./levels";
import type { Grant, LevelChange } from "./state";

type Db = Kysely<DB> | Transaction<DB>;

/**
 * Notification-centre rows for badges granted and levels reached, written in the dispatcher's
 * transaction. Keyed by what they announce, so a redelivery adds nothing; kinds a person turned
 * off are skipped. Replays (the rebuild) never call this: old news is not news.
 */
export interface RecognitionNotice {
  eventId: number;
  grants: Grant[];
  levelUps: LevelChange[];
  /** Display names of the granted badges under the version in force (manual ones too). */
  badgeNames: Record<string, string>;
}

/** One insert for a whole batch of events' notices, in event order. */
export async function notifyRecognition(trx: Db, notices: readonly RecognitionNotice[]) {
  const recipients = [...new Set(notices.flatMap((n) => [...n.grants.map((g) => g.userId), ...n.levelUps.map((c) => c.userId)]))];
  if (recipients.length === 0) return;
  const [people, off] = await Promise.all([
    trx.selectFrom("users").select(["id", "handle"]).where("id", "in", recipients).execute(),
    disabledKinds(trx, recipients),
  ]);
  const handles = new Map(people.map((p) => [p.id, p.handle]));
  const profileHref = (userId: string) => (handles.has(userId) ? `/u/${encodeURIComponent(handles.get(userId)!)}` : "/notifications");
  const rows = notices.flatMap(({ eventId, grants, levelUps, badgeNames }) => [
    ...grants
      .filter((g) => !off.get(g.userId)?.has("badge"))
      .map((g) => {
        const name = badgeNames[g.badge] ?? g.badge;
        return {
          user_id: g.userId,
          kind: "badge" as const,
          actor_id: g.awardedBy,
          source_key: `badge:${g.badge}:${g.tier ?? ""}`,
          event_id: eventId,
          data: JSON.stringify({ message: `You earned the badge “${name}”${g.tier ? ` (${g.tier})` : ""}`, href: profileHref(g.userId) }),
          created_at: g.grantedAt,
        };
      }),
    ...levelUps
      .filter((c) => !off.get(c.userId)?.has("level"))
      .map((c) => ({
        user_id: c.userId,
        kind: "level" as const,
        actor_id: null,
        source_key: `level:${c.toLevel}`,
        event_id: eventId,
        data: JSON.stringify({ message: `You reached the level ${levelById(c.toLevel).name}`, href: profileHref(c.userId) }),
        created_at: c.occurredAt,
      })),
  ]);
  // Chunked to stay under the bind-parameter limit; duplicates within a chunk are skipped too.
  for (let i = 0; i < rows.length; i += 1000) {
    await trx
      .insertInto("notifications")
      .values(rows.slice(i, i + 1000))
      .onConflict((oc) => oc.columns(["user_id", "kind", "source_key"]).doNothing())
      .execute();
  }
}
