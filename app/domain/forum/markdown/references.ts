export type References = {
  /** Lowercase handles, in order of first mention. */
  mentions: string[];
  quotedPostIds: string[];
  linkedThreadIds: string[];
};

const MENTION = /<a class="mention" data-handle="([a-z0-9-]+)"/g;
const QUOTE = /<blockquote class="post-quote" data-post-id="([A-Za-z0-9_-]+)"/g;
const THREAD_LINK = /<a [^>]*?data-thread-id="([A-Za-z0-9_-]+)"/g;

const unique = (html: string, pattern: RegExp) => [...new Set(Array.from(html.matchAll(pattern), (m) => m[1]))];

/**
 * References read back from sanitized output, so they name exactly what a reader sees: a mention the
 * sanitizer dropped or a link it rejected is not a reference. The patterns match the attribute
 * shapes that sanitize.ts writes.
 */
export function referencesInHtml(html: string): References {
  return {
    mentions: unique(html, MENTION),
    quotedPostIds: unique(html, QUOTE),
    linkedThreadIds: unique(html, THREAD_LINK),
  };
}
