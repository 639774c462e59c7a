import type { Subscriber } from "../app/domain/events/subscriber.server";
import { moderatorsRoom, userRoom } from "../app/realtime/events";
import type { RealtimeServer } from "./realtime.server";

/** The part of socket.io this needs (tests pass the real server). */
type Io = Pick<RealtimeServer, "to" | "in">;

/**
 * Moderation over sockets, after commit: queue changes to the moderators' room (ids and status
 * only; the page re-reads through its loader and the policy), and a suspended person's sockets
 * told why and disconnected, on every process through the adapter.
 */
export function moderationFanout(io: Io): Subscriber {
  return {
    name: "moderation-fanout",
    afterCommit(events) {
      for (const event of events) {
        if (event.type === "moderation.review_changed") {
          const { itemId, status, claimedBy } = event.payload;
          io.to(moderatorsRoom).emit("moderation:queue", { itemId, status, claimedBy });
        }
        if (event.type === "user.suspended") {
          const { userId, until, reason } = event.payload;
          io.to(userRoom(userId)).emit("account:suspended", { until, reason });
          io.in(userRoom(userId)).disconnectSockets(true);
        }
        // A deleted account's sessions are gone; its open sockets close with them (decision 023).
        if (event.type === "user.account_deleted") io.in(userRoom(event.payload.userId)).disconnectSockets(true);
      }
    },
  };
}
