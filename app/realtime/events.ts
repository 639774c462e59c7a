/**
 * The one map of socket.io events, shared by the server and the browser so both sides agree
 * on names and payloads. Rooms: `user:<id>` (joined automatically), others by `room:join`,
 * each checked by the policy module.
 */
export interface ServerToClientEvents {
  "session:ended": () => void;
  "room:removed": (room: string) => void;
  "notification:count": (payload: { unread: number }) => void;
  "recognition:toast": (payload: { message: string; points?: number; total?: number; version?: number }) => void;
  /** Something changed in a thread; the page re-reads its data through its loader (and the policy). */
  "thread:changed": (payload: { threadId: string; change: "reply" | "edit" | "reaction" | "answer" | "delete"; postId: string; authorId: string }) => void;
  "category:thread": (payload: { categoryId: number; threadId: string }) => void;
  /** A new message in a conversation the socket joined (participants only); the page re-reads it. */
  "conversation:message": (payload: { conversationId: string; messageId: string; authorId: string }) => void;
  /** Conversations with unread messages (muted ones left out): the header's Messages badge. */
  "messages:unread": (payload: { unread: number }) => void;
  /** The review queue changed (moderators room): the queue page re-reads through its loader. */
  "moderation:queue": (payload: { itemId: number; status: string; claimedBy: string | null }) => void;
  /** Sent to a person's sockets just before they are disconnected by a suspension. */
  "account:suspended": (payload: { until: string; reason: string }) => void;
  /** Someone's points changed: leaderboard pages re-read their standings. */
  "leaderboard:changed": () => void;
}

export interface ClientToServerEvents {
  "room:join": (room: string, ack: (result: { ok: boolean; error?: string }) => void) => void;
  "room:leave": (room: string) => void;
}

export const threadRoom = (threadId: string) => `thread:${threadId}`;
export const categoryRoom = (categoryId: number) => `category:${categoryId}`;
export const LEADERBOARD_ROOM = "leaderboard";
export const userRoom = (userId: string) => `user:${userId}`;
export const sessionRoom = (sessionId: string) => `session:${sessionId}`;
export const conversationRoom = (conversationId: string) => `conversation:${conversationId}`;
export const moderatorsRoom = "moderators";
