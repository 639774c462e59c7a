export const PRIVATE_CONTENT = '<span class="private-content">private content</span>';

export type Visible = { posts: Set<string>; threads: Set<string> };

/** Quote blockquotes and thread links, as sanitize.ts writes them, and the closing tags that end them. */
const TAGS = /<blockquote class="post-quote" data-post-id="([^"]*)"[^>]*>|<a [^>]*?data-thread-id="([^"]*)"[^>]*>|<\/?blockquote\b[^>]*>|<\/a>/g;

/**
 * Replaces quotes of posts and links to threads that the viewer may not see with a placeholder.
 * Runs on every page view, so it scans the stored HTML once with one regex instead of parsing a DOM:
 * the HTML is our own sanitized output, where "<" only ever starts a tag and attribute values are
 * escaped, so the tag shapes are known. A hidden quote takes everything inside it, nested quotes too.
 */
export function resolveReferences(html: string, visible: Visible): string {
  if (!html.includes("data-post-id") && !html.includes("data-thread-id")) return html;
  let out = "";
  let copiedUpTo = 0;
  // While hiding, how many blockquotes (or the one link) are open inside the hidden element.
  let hiding: { kind: "quote"; depth: number } | { kind: "link" } | null = null;
  for (const match of html.matchAll(TAGS)) {
    const [tag, quotedPostId, threadId] = match;
    const at = match.index;
    if (hiding?.kind === "quote") {
      if (tag.startsWith("<blockquote")) hiding.depth++;
      else if (tag === "</blockquote>" && --hiding.depth === 0) {
        hiding = null;
        copiedUpTo = at + tag.length;
      }
      continue;
    }
    if (hiding?.kind === "link") {
      if (tag === "</a>") {
        hiding = null;
        copiedUpTo = at + tag.length;
      }
      continue;
    }
    const hide =
      (quotedPostId !== undefined && !visible.posts.has(quotedPostId)) ||
      (threadId !== undefined && !visible.threads.has(threadId));
    if (!hide) continue;
    out += html.slice(copiedUpTo, at) + PRIVATE_CONTENT;
    hiding = quotedPostId !== undefined ? { kind: "quote", depth: 1 } : { kind: "link" };
  }
  // An unclosed hidden element (not produced by the sanitizer) hides the rest rather than leaking it.
  return hiding ? out : out + html.slice(copiedUpTo);
}
