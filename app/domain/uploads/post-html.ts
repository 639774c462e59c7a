/*
 * Both functions read sanitized post HTML, in the shape sanitize.ts writes: attributes double-quoted,
 * with `<`, `>` and `"` escaped inside them, so an attribute value never ends a tag early.
 */

// A query string or fragment after the id is allowed.
const UPLOAD_IMAGE = /<img\b[^>]*?\ssrc="\/uploads\/([A-Za-z0-9_-]{16})(?=["?#])/g;

/** Upload ids that a post's sanitized HTML shows as images, in order of first appearance. */
export function uploadIdsInHtml(html: string): string[] {
  return [...new Set(Array.from(html.matchAll(UPLOAD_IMAGE), (match) => match[1]!))];
}

/**
 * For council spaces: an external image would make every reader's browser fetch it, telling its
 * host who read the thread, from where and when. Applied at read time, this turns each external
 * `<img>` into a link the reader may choose to follow; our own `/uploads/` images stay.
 * Fails closed: an `<img>` with any other source, or one it cannot read, is dropped.
 */
export function blockExternalImages(html: string): string {
  let linkDepth = 0;
  return html.replace(/<a\b[^>]*>|<\/a\s*>|<img\b[^>]*>/gi, (tag) => {
    const lower = tag.toLowerCase();
    if (lower.startsWith("<a")) {
      linkDepth++;
      return tag;
    }
    if (lower.startsWith("</a")) {
      linkDepth = Math.max(0, linkDepth - 1);
      return tag;
    }
    const src = /\ssrc="([^"]*)"/i.exec(tag)?.[1];
    if (src === undefined) return "";
    if (isOwnUpload(src)) return tag;
    if (!/^https?:\/\//i.test(src)) return "";
    const text = `External image (not loaded): ${src}`;
    // A link inside a link is not HTML: inside one, the outer link already goes somewhere.
    return linkDepth > 0 ? `<span class="external-image">${text}</span>` : `<a class="external-image" href="${src}" rel="nofollow ugc noopener noreferrer">${text}</a>`;
  });
}

/** `src` as written by the sanitizer: still HTML-escaped (`&amp;`), so the test is on the path only. */
const isOwnUpload = (src: string) => /^\/uploads\/[A-Za-z0-9_-]+(?:[?#]|$)/.test(src);
