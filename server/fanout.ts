import type { Subscriber } from "../app/domain/events/subscriber.server";
import type { DispatchedEvent } from "../app/domain/events/catalogue";
import { categoryRoom, threadRoom, userRoom } from "../app/realtime/events";
import { LEADERBOARD_ROOM } from "../app/realtime/events";
import type { RealtimeServer } from "./realtime.server";

type ThreadChange = "reply" | "edit" | "reaction" | "answer" | "delete";

/**
 * Socket fan-out, after the dispatcher's transaction commits. Payloads carry ids only: pages
 * re-read their data through loaders (and the policy), so nothing private rides on a socket,
 * and rooms were joined through the policy in the first place.
 */
export function socketFanout(io: RealtimeServer): Subscriber {
  const threadChange = (event: DispatchedEvent): [string, ThreadChange, string, string] | null => {
    switch (event.type) {
      case "forum.thread_created":
      case "forum.reply_posted":
        return [event.payload.threadId, "reply", event.payload.postId, event.payload.authorId];
      case "forum.post_edited":
        return [event.payload.threadId, "edit", event.payload.postId, event.payload.editorId];
      case "forum.post_deleted":
      case "forum.post_hidden":
      case "forum.post_restored":
        return [event.payload.threadId, "delete", event.payload.postId, event.payload.authorId];
      case "forum.reaction_added":
      case "forum.reaction_removed":
        return [event.payload.threadId, "reaction", event.payload.postId, event.payload.reactorId];
      case "forum.answer_accepted":
      case "forum.answer_unaccepted":
        return [event.payload.threadId, "answer", event.payload.postId, event.actorId ?? ""];
      default:
        return null;
    }
  };
  return {
    name: "socket-fanout",
    afterCommit(events) {
      for (const event of events) {
        // No ids or points ride along: leaderboard pages re-read their (filtered) standings.
        if (event.type === "recognition.points_changed") io.to(LEADERBOARD_ROOM).emit("leaderboard:changed");
        const change = threadChange(event);
        if (change) {
          const [threadId, kind, postId, authorId] = change;
          io.to(threadRoom(threadId)).emit("thread:changed", { threadId, change: kind, postId, authorId });
        }
        if (event.type === "forum.thread_created") {
          io.to(categoryRoom(event.payload.categoryId)).emit("category:thread", {
            categoryId: event.payload.categoryId,
            threadId: event.payload.threadId,
          });
        }
        const toast = recognitionToast(event);
        if (toast) io.to(userRoom(toast.userId)).emit("recognition:toast", toast.payload);
      }
    },
  };
}

/** The engine's recognition.* events become a toast for the person they are about, and only them. */
function recognitionToast(event: DispatchedEvent) {
  switch (event.type) {
    case "recognition.points_changed": {
      const { userId, delta, total, reason, version } = event.payload;
      const message = `${delta > 0 ? "+" : ""}${delta} points: ${reason}`;
      return { userId, payload: { message, points: delta, total, version } };
    }
    case "recognition.badge_granted": {
      const { userId, badge, tier } = event.payload;
      return { userId, payload: { message: `Badge earned: ${badge}${tier ? ` (${tier})` : ""}` } };
    }
    case "recognition.level_changed":
      return { userId: event.payload.userId, payload: { message: `New level: ${event.payload.level}` } };
    default:
      return null;
  }
}
