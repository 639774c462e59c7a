import { useEffect, useState } from "react";
import { useSocketEvents } from "../../realtime/useSocket";

export interface MessagesCounter {
  unread: number;
}

/** The header's link to direct messages with its unread badge, kept live by `messages:unread`. */
export function MessagesLink({ counter }: { counter: MessagesCounter }) {
  const [unread, setUnread] = useState(counter.unread);
  useEffect(() => setUnread(counter.unread), [counter]);
  useSocketEvents({ "messages:unread": (payload) => setUnread(payload.unread) });
  const label = unread === 0 ? "Messages" : `Messages, ${unread} unread`;
  return (
    <a href="/messages" className="bell" aria-label={label} title={label} data-testid="messages-link">
      <svg aria-hidden="true" width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
        <path d="M4 4h16v12H7l-3 3z" />
      </svg>
      {unread > 0 ? (
        <span className="bell-count" aria-hidden="true">
          {unread > 99 ? "99+" : unread}
        </span>
      ) : null}
    </a>
  );
}
