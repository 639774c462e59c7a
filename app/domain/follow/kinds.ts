import type { NotificationKind, WatchLevel } from "../../../db/schema-parts/follow";

export type { NotificationKind, WatchLevel };

/** In the order the settings page lists them. */
export const notificationKinds = ["reply", "mention", "quote", "reaction", "accepted", "watching", "reminder", "mentoring", "badge", "level", "council", "message"] as const satisfies readonly NotificationKind[];

export const notificationKindLabels: Record<NotificationKind, { label: string; hint: string }> = {
  reply: { label: "Replies", hint: "Someone replies in a thread you started, or to one of your posts." },
  mention: { label: "Mentions", hint: "Someone writes your @handle." },
  quote: { label: "Quotes", hint: "Someone quotes one of your posts." },
  reaction: { label: "Reactions", hint: "Someone reacts to one of your posts (once per person and post)." },
  accepted: { label: "Accepted answers", hint: "Your reply is accepted as the answer." },
  watching: { label: "Watched threads and categories", hint: "Any new post where you chose Watching." },
  reminder: { label: "Bookmark reminders", hint: "A bookmark's reminder time has come." },
  mentoring: { label: "Mentoring", hint: "Mentoring requests, answers, sessions to confirm and completed mentorships." },
  badge: { label: "Badges", hint: "You earn a badge." },
  level: { label: "Levels", hint: "You reach a new recognition level." },
  council: { label: "Council", hint: "An action item of yours on an advisory council is due soon." },
  message: { label: "Direct messages", hint: "Someone writes to you in a conversation you have not muted." },
};

export const watchLevels = ["watching", "normal", "muted"] as const satisfies readonly WatchLevel[];

export const watchLevelLabels: Record<WatchLevel, { label: string; hint: string }> = {
  watching: { label: "Watching", hint: "Notify me of every new post." },
  normal: { label: "Normal", hint: "Notify me of replies to me, mentions and quotes." },
  muted: { label: "Muted", hint: "Never notify me about this." },
};

export const isNotificationKind = (value: string): value is NotificationKind =>
  (notificationKinds as readonly string[]).includes(value);
