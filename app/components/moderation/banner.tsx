export interface ModerationStatus {
  suspendedUntil: string | null;
  suspensionReason: string | null;
  unreadNotices: number;
}

/** What moderation means for the signed-in person right now: a suspension, or unread notices. */
export function ModerationBanner({ status }: { status: ModerationStatus | null }) {
  if (!status) return null;
  if (status.suspendedUntil && new Date(status.suspendedUntil).getTime() > Date.now()) {
    return (
      <p className="alert alert-error moderation-banner" role="status">
        Your account is suspended until {new Date(status.suspendedUntil).toISOString().slice(0, 16).replace("T", " ")} UTC
        {status.suspensionReason ? `: ${status.suspensionReason}` : ""}. You can read, but not post or react. <a href="/account/notices">Details</a>
      </p>
    );
  }
  if (status.unreadNotices > 0) {
    return (
      <p className="alert alert-info moderation-banner" role="status">
        You have {status.unreadNotices === 1 ? "a message" : `${status.unreadNotices} messages`} from the moderators. <a href="/account/notices">Read</a>
      </p>
    );
  }
  return null;
}
