import type { Kysely } from "kysely";
import type { DB } from "../db/schema";
import type { Subscriber } from "../app/domain/events/subscriber.server";
import { unreadCountsFor } from "../app/domain/messages/inbox.server";
import { conversationRoom, userRoom, type ServerToClientEvents } from "../app/realtime/events";

/** The part of the socket server this needs: tests pass a recorder. */
export interface MessageEmitter {
  to(room: string): {
    emit<E extends "conversation:message" | "messages:unread">(event: E, ...args: Parameters<ServerToClientEvents[E]>): unknown;
  };
}

/**
 * Direct messages, after commit: the conversation room (joined only by participants, through
 * rooms.server.ts) hears that a message arrived, and each other participant who has not muted
 * the conversation gets their new unread count. Ids only; pages re-read through their loaders.
 */
export function messagesFanout(io: MessageEmitter, db: Kysely<DB>): Subscriber {
  return {
    name: "messages-fanout",
    async afterCommit(events) {
      const recipients = new Set<string>();
      for (const event of events) {
        if (event.type !== "messages.sent") continue;
        const { conversationId, messageId, authorId } = event.payload;
        io.to(conversationRoom(conversationId)).emit("conversation:message", { conversationId, messageId, authorId });
        const others = await db
          .selectFrom("conversation_participants")
          .select("user_id")
          .where("conversation_id", "=", conversationId)
          .where("user_id", "<>", authorId)
          .where("muted", "=", false)
          .execute();
        for (const row of others) recipients.add(row.user_id);
      }
      if (recipients.size === 0) return;
      const counts = await unreadCountsFor(db, [...recipients]);
      for (const [userId, unread] of counts) io.to(userRoom(userId)).emit("messages:unread", { unread });
    },
  };
}
