import type { Kysely } from "kysely";
import type { DB } from "../db/schema";
import type { Subscriber } from "../app/domain/events/subscriber.server";
import { notifyForEvent, notifyingEvents } from "../app/domain/follow/notify.server";
import { recipientsOfEvents, unreadCountsFor } from "../app/domain/follow/notifications.server";
import { userRoom, type ServerToClientEvents } from "../app/realtime/events";

/** The part of the socket server this needs: tests pass a recorder. */
export interface CountEmitter {
  to(room: string): { emit(event: "notification:count", ...args: Parameters<ServerToClientEvents["notification:count"]>): unknown };
}

/**
 * Notifications from forum events: created in the dispatcher's transaction (exactly once), then,
 * after commit, each recipient's unread count pushed to their `user:<id>` room, counted as the
 * notification centre counts it (only what they may still read).
 */
export function notificationsSubscriber(io: CountEmitter, db: Kysely<DB>): Subscriber {
  return {
    name: "notifications",
    async handle(trx, event) {
      await notifyForEvent(trx, event);
    },
    async afterCommit(events) {
      const eventIds = events.filter((event) => notifyingEvents.has(event.type)).map((event) => event.id);
      const recipients = await recipientsOfEvents(db, eventIds);
      if (recipients.length === 0) return;
      const counts = await unreadCountsFor(db, recipients);
      for (const [userId, unread] of counts) io.to(userRoom(userId)).emit("notification:count", { unread });
    },
  };
}
