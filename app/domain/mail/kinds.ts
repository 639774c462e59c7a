import type { MailCadence } from "../../../db/schema-parts/mail";
import { notificationKindLabels, notificationKinds } from "../follow/kinds";

export type { MailCadence };

/**
 * Every notification kind. Direct messages ("message") are one of them, but their mail is built
 * from the message itself (see instant.server.ts), not from the notification.
 */
export const mailKinds = notificationKinds;
export type MailKind = (typeof mailKinds)[number];

export const cadences = ["immediately", "daily", "weekly", "never"] as const satisfies readonly MailCadence[];

export const cadenceLabels: Record<MailCadence, string> = {
  immediately: "Right away",
  daily: "Daily digest",
  weekly: "Weekly digest",
  never: "Never",
};

export const mailKindLabels: Record<MailKind, { label: string; hint: string }> = {
  ...notificationKindLabels,
  message: { label: "Direct messages", hint: "Someone sends you a direct message." },
};

/**
 * What a person gets before choosing: things addressed to them personally arrive right away;
 * the rest waits for the weekly digest, so a busy forum does not fill anyone's inbox.
 */
export const defaultCadence: Record<MailKind, MailCadence> = {
  reply: "immediately",
  mention: "immediately",
  quote: "weekly",
  reaction: "weekly",
  accepted: "immediately",
  watching: "weekly",
  reminder: "immediately",
  mentoring: "immediately",
  badge: "weekly",
  level: "weekly",
  council: "immediately",
  message: "immediately",
};

export const isMailKind = (value: string): value is MailKind => (mailKinds as readonly string[]).includes(value);
export const isCadence = (value: string): value is MailCadence => (cadences as readonly string[]).includes(value);
