import { useEffect, useState } from "react";
import { useSocketEvents } from "../../realtime/useSocket";

export interface NotificationCounter {
  unread: number;
}

/**
 * The header's link to the notification centre. The count comes from the root loader, then live
 * from `notification:count` pushes to the user's room. Each loader run gives a new `counter`
 * object, so a navigation resets the count even when the number it loaded did not change.
 */
export function NotificationBell({ counter }: { counter: NotificationCounter }) {
  const [unread, setUnread] = useState(counter.unread);
  useEffect(() => setUnread(counter.unread), [counter]);
  useSocketEvents({ "notification:count": (payload) => setUnread(payload.unread) });
  // The server counts up to 100 (UNREAD_COUNT_CAP): 100 means "100 or more".
  const label = unread === 0 ? "Notifications" : unread > 99 ? "Notifications, more than 99 unread" : `Notifications, ${unread} unread`;
  return (
    <a href="/notifications" className="bell" aria-label={label} title={label}>
      <svg aria-hidden="true" width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
        <path d="M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
        <path d="M13.7 21a2 2 0 0 1-3.4 0" />
      </svg>
      {unread > 0 ? (
        <span className="bell-count" aria-hidden="true">
          {unread > 99 ? "99+" : unread}
        </span>
      ) : null}
    </a>
  );
}
