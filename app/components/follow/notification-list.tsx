import type { NotificationKind } from "../../domain/follow/kinds";
import { RelativeTime } from "../time";

export interface NotificationView {
  id: number;
  kind: NotificationKind;
  data: { reaction?: string; note?: string; text?: string; message?: string; href?: string; councilId?: string; conversationId?: string };
  created_at: string | Date;
  read_at: string | Date | null;
  /** Null for kinds about no thread (mentoring, badge, level). */
  thread_title: string | null;
  actor_name: string | null;
}

const reactionWords: Record<string, string> = { like: "liked", thanks: "said thanks for", insightful: "found insightful" };

/** One line of text per notification, naming who did what where. */
export function describeNotification(n: Pick<NotificationView, "kind" | "data" | "thread_title" | "actor_name">) {
  const who = n.actor_name ?? "Someone";
  switch (n.kind) {
    case "reply":
      return `${who} replied in “${n.thread_title}”`;
    case "mention":
      return `${who} mentioned you in “${n.thread_title}”`;
    case "quote":
      return `${who} quoted you in “${n.thread_title}”`;
    case "reaction":
      return `${who} ${reactionWords[n.data.reaction ?? ""] ?? "reacted to"} your post in “${n.thread_title}”`;
    case "accepted":
      return `${who} accepted your answer in “${n.thread_title}”`;
    case "watching":
      return `${who} posted in “${n.thread_title}”`;
    case "reminder":
      return `Reminder: ${n.thread_title}`;
    case "mentoring":
      return n.data.text ?? "Mentoring update";
    case "badge":
    case "level":
      return n.data.message ?? "You were recognised";
    case "council":
      return n.data.text ?? "Council reminder";
    case "message":
      return n.data.text ?? "New direct message";
  }
}

export function NotificationList({ notifications }: { notifications: NotificationView[] }) {
  if (notifications.length === 0) return <p className="muted">Nothing yet. Replies, mentions and reactions will show up here.</p>;
  return (
    <ol className="notification-list" aria-label="Notifications">
      {notifications.map((n) => (
        <li key={n.id} className={n.read_at ? "notification" : "notification notification-unread"}>
          <div className="stack-tight">
            {/* Opening marks it read, then lands on the post. */}
            <a className="notification-link" href={`/notifications/${n.id}`}>
              {n.read_at ? null : <span className="visually-hidden">Unread: </span>}
              {describeNotification(n)}
            </a>
            {n.kind === "reminder" && n.data.note ? <span className="muted">{n.data.note}</span> : null}
          </div>
          <span className="muted">
            <RelativeTime date={n.created_at} />
          </span>
        </li>
      ))}
    </ol>
  );
}
