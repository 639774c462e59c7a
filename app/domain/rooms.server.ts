import type { Kysely } from "kysely";
import type { DB } from "../../db/schema";
import { loadThreadRef } from "./forum/refs.server";
import { participantIdsOf } from "./messages/access.server";
import { can, type Actor } from "./policy.server";

/**
 * Whether a socket may be in a room. Loads what the room is about and asks the policy module,
 * the same rules as the pages: a thread room for those who may read the thread, and so on.
 */
export async function mayJoinRoom(db: Kysely<DB>, actor: Actor, room: string): Promise<boolean> {
  const separator = room.indexOf(":");
  const kind = separator > 0 ? room.slice(0, separator) : room;
  const id = room.slice(separator + 1);
  switch (kind) {
    case "thread": {
      const thread = await loadThreadRef(db, id);
      return thread !== null && can(actor, "forum.readThread", thread);
    }
    case "category": {
      const categoryId = Number(id);
      if (!Number.isInteger(categoryId)) return false;
      const category = await db.selectFrom("categories").select(["id", "visibility", "council_id"]).where("id", "=", categoryId).executeTakeFirst();
      return category !== undefined && can(actor, "forum.readCategory", { id: category.id, visibility: category.visibility, councilId: category.council_id });
    }
    case "conversation": {
      const participantIds = await participantIdsOf(db, id);
      return participantIds.length > 0 && can(actor, "messages.read", { participantIds });
    }
    case "leaderboard":
      return can(actor, "recognition.readLeaderboard");
    default:
      return can(actor, "realtime.joinRoom", { room });
  }
}
