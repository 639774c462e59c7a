import { sql, type RawBuilder } from "kysely";
import type { SessionUser } from "../accounts/auth.server";

/**
 * Which message notifications a reader sees now: those of conversations they are still in, from
 * people they have not blocked since. Used by the notification centre's visibility rule.
 */
export function messageNotificationScope(reader: SessionUser): RawBuilder<boolean> {
  return sql<boolean>`(exists (select 1 from conversation_participants mcp
      where mcp.conversation_id = notifications.data->>'conversationId' and mcp.user_id = ${reader.id})
    and not exists (select 1 from user_blocks mb where mb.blocker_id = ${reader.id} and mb.blocked_id = notifications.actor_id))`;
}
