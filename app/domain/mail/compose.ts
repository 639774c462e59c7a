/**
 * Turns a message's parts into its plain-text and HTML bodies. Pure: no database, no clock.
 * Everything interpolated into the HTML is escaped; the text part is what a careful reader
 * (and a spam filter) sees first, so it says everything the HTML says.
 */
export interface MailContent {
  subject: string;
  /** Paragraphs of plain text, shown in order. */
  paragraphs: string[];
  /** The one thing to do, as a button in HTML and a bare URL in text. */
  action?: { label: string; url: string };
  /** Lines listed under the paragraphs (a digest's items), each with an optional link. */
  items?: Array<{ text: string; url?: string }>;
  /** Why this arrived and how to stop it. */
  footer: string;
  unsubscribeUrl?: string;
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

export function escapeHtml(value: string) {
  return value.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

export function renderMail(content: MailContent): RenderedMail {
  const text = [
    ...content.paragraphs,
    ...(content.items?.length ? [content.items.map((item) => `- ${item.text}${item.url ? `\n  ${item.url}` : ""}`).join("\n")] : []),
    ...(content.action ? [`${content.action.label}: ${content.action.url}`] : []),
    "--",
    content.footer,
    ...(content.unsubscribeUrl ? [`Unsubscribe: ${content.unsubscribeUrl}`] : []),
  ].join("\n\n");

  const link = (url: string, label: string) => `<a href="${escapeHtml(url)}">${escapeHtml(label)}</a>`;
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(content.subject)}</title></head>
<body style="font-family: system-ui, sans-serif; line-height: 1.5; color: #1f2933; max-width: 36rem; margin: 0 auto; padding: 1rem;">
${content.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join("\n")}
${content.items?.length ? `<ul>${content.items.map((item) => `<li>${item.url ? link(item.url, item.text) : escapeHtml(item.text)}</li>`).join("")}</ul>` : ""}
${content.action ? `<p><a href="${escapeHtml(content.action.url)}" style="display: inline-block; padding: 0.6rem 1rem; background: #1d4ed8; color: #ffffff; border-radius: 4px; text-decoration: none;">${escapeHtml(content.action.label)}</a></p><p style="font-size: 0.85rem; color: #52606d;">Or open this address: ${escapeHtml(content.action.url)}</p>` : ""}
<hr>
<p style="font-size: 0.85rem; color: #52606d;">${escapeHtml(content.footer)}${content.unsubscribeUrl ? ` ${link(content.unsubscribeUrl, "Unsubscribe")}.` : ""}</p>
</body></html>`;
  return { subject: content.subject, text, html };
}
