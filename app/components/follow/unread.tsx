/** Where the "new since your last visit" line goes: before the first post after the marker, if it is on this page. */
export function dividerBeforePost(lastReadPostNumber: number, postNumbers: number[]): number | null {
  // Never read before: the whole thread is new, and a line above post 1 says nothing.
  if (lastReadPostNumber < 1) return null;
  return postNumbers.find((n) => n > lastReadPostNumber) ?? null;
}

export function UnreadDivider() {
  return (
    <div className="unread-divider" role="separator" id="unread">
      New since your last visit
    </div>
  );
}

/** "3 new" beside a thread in a list, linking to where the reader left off. */
export function UnreadBadge({ count, href }: { count: number | undefined; href?: string }) {
  if (!count) return null;
  const text = `${count} new`;
  return href ? (
    <a className="badge badge-new" href={href}>
      {text}
    </a>
  ) : (
    <span className="badge badge-new">{text}</span>
  );
}
