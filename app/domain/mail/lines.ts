/** One line per notification; the same words in instant mail and digests. */
export function notificationLine(n: { kind: string; actor_name: string | null; thread_title: string | null; data: { text?: string; message?: string; note?: string } }) {
  const who = n.actor_name ?? "Someone";
  const where = n.thread_title ? `“${n.thread_title}”` : "a thread";
  switch (n.kind) {
    case "reply": return `${who} replied in ${where}`;
    case "mention": return `${who} mentioned you in ${where}`;
    case "quote": return `${who} quoted you in ${where}`;
    case "reaction": return `${who} reacted to your post in ${where}`;
    case "accepted": return `Your answer in ${where} was accepted`;
    case "watching": return `${who} posted in ${where}`;
    case "reminder": return `Reminder: ${where}`;
    default: return n.data.message ?? n.data.text ?? "You have a new notification";
  }
}
