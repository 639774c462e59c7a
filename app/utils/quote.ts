/** The Markdown a "Quote" button inserts; the renderer turns it into a linked quote (see docs/decisions/008). */
export function quoteMarkdown(post: { id: string; author_handle: string; body_html: string }) {
  const text = htmlToText(post.body_html).trim().split("\n").slice(0, 12);
  return [`> [!quote post=${post.id} author=${post.author_handle}]`, ...text.map((line) => `> ${line}`)].join("\n");
}

function htmlToText(html: string) {
  if (typeof document === "undefined") return html.replace(/<[^>]+>/g, "");
  // DOMParser builds an inert document: nothing in it loads or runs. Quotes inside the quoted post
  // are dropped: copying their text would carry possibly private words out of reach of the
  // per-viewer resolver.
  const body = new DOMParser().parseFromString(html, "text/html").body;
  body.querySelectorAll("blockquote.post-quote, .private-content").forEach((element) => element.remove());
  return body.textContent ?? "";
}
