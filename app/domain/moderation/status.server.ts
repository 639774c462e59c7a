/** For the layout: the signed-in person's suspension and unread moderation notices, from the header's row. */
export function moderationStatus(row: { suspended_until: Date | null; suspension_reason: string | null; unread_notices: number | string | null }) {
  return {
    suspendedUntil: row.suspended_until ? new Date(row.suspended_until).toISOString() : null,
    suspensionReason: row.suspension_reason ?? null,
    unreadNotices: Number(row.unread_notices ?? 0),
  };
}
