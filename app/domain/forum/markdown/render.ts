import { Marked, Renderer, type Token, type Tokens } from "marked";
import { isHandle, postPath, profilePath } from "./ids";
import { assertPostLength, MarkdownTooComplexError } from "./errors";
import { referencesInHtml, type References } from "./references";
import { sanitizePostHtml } from "./sanitize";

/** Bump when the HTML for the same source changes, so stored posts can be re-rendered. */
export const RENDERER_VERSION = 1;

/** `@handle`, not inside a word, an email address or a path; handles are stored lowercase. */
const MENTION = /@([A-Za-z0-9-]{1,40})(?![A-Za-z0-9_-])/g;
const NOT_BEFORE_MENTION = /[A-Za-z0-9_.+\-@/]/;

/** First line of a blockquote made by the Quote button: `> [!quote post=abc123 author=dana-kim]`. */
const QUOTE_MARKER = /^ {0,3}\[!quote post=([A-Za-z0-9_-]{1,64})(?: author=([^\s\]]{1,64}))?\][ \t]*(?:\n|$)/;

/** Tokens whose text is not prose: no mentions inside code, links or images. */
const NO_MENTIONS = new Set(["code", "codespan", "link", "image", "html", "escape", "mention", "postQuoteMarker"]);

function splitMentions(token: Tokens.Text, before: string): Token[] | null {
  const parts: Token[] = [];
  let last = 0;
  for (const match of token.text.matchAll(MENTION)) {
    const previous = match.index === 0 ? before : token.text[match.index - 1];
    if (NOT_BEFORE_MENTION.test(previous)) continue;
    const text = token.text.slice(last, match.index);
    if (text) parts.push({ ...token, raw: text, text });
    parts.push({ type: "mention", raw: match[0], handle: match[1].toLowerCase(), text: match[0] });
    last = match.index + match[0].length;
  }
  if (parts.length === 0) return null;
  const rest = token.text.slice(last);
  if (rest) parts.push({ ...token, raw: rest, text: rest });
  return parts;
}

/** Turns `@handle` in prose text tokens into mention tokens, leaving code and links alone. */
function addMentions(tokens: Token[]): void {
  let before = "";
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.type === "text" && !token.tokens) {
      const parts = splitMentions(token as Tokens.Text, before);
      if (parts) {
        tokens.splice(i, 1, ...parts);
        i += parts.length - 1;
      }
    } else if (token.type === "list") {
      for (const item of token.items) addMentions(item.tokens);
    } else if (token.type === "table") {
      for (const cell of token.header) addMentions(cell.tokens);
      for (const row of token.rows) for (const cell of row) addMentions(cell.tokens);
    } else if (!NO_MENTIONS.has(token.type) && "tokens" in token && token.tokens) {
      addMentions(token.tokens);
    }
    before = token.raw.slice(-1);
  }
}

const escapeHtml = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

const plainText = Renderer.prototype.text;

const markdown = new Marked({
  gfm: true,
  // Not marked's `breaks` option: its text rule is quadratic in a run of spaces (50,000 take seconds).
  // Line breaks are added in the text renderer instead.
  breaks: false,
  async: false,
  // Raw HTML is never markup in a post: `<b>` stays the text "<b>" (the sanitizer would drop it anyway).
  tokenizer: {
    html: () => undefined,
    tag: () => undefined,
  },
  hooks: {
    processAllTokens(tokens) {
      addMentions(tokens);
      return tokens;
    },
  },
  renderer: {
    // Forum posts are written like chat: a line break in the source is a line break on screen.
    text(token) {
      if ("tokens" in token && token.tokens) return false;
      return plainText.call(this, token).replace(/\n/g, "<br>\n");
    },
    // The page owns h1 (thread title) and h2; a post's headings start at h3.
    heading({ tokens, depth }) {
      const level = Math.min(depth + 2, 6);
      return `<h${level}>${this.parser.parseInline(tokens)}</h${level}>\n`;
    },
    // Task list items show their state as text: forms have no place in a post.
    checkbox({ checked }) {
      return checked ? "☑ " : "☐ ";
    },
    blockquote({ tokens }) {
      const [first, ...rest] = tokens;
      if (first?.type !== "postQuoteMarker") return false;
      const { postId, author } = first as Tokens.Generic;
      const attribution = author ? `${author} wrote:` : "Quoted post:";
      return (
        `<blockquote class="post-quote" data-post-id="${postId}"${author ? ` data-author="${author}"` : ""}>\n` +
        `<p><a href="${postPath(postId)}">${attribution}</a></p>\n${this.parser.parse(rest)}</blockquote>\n`
      );
    },
  },
  extensions: [
    {
      name: "mention",
      renderer: ({ handle }) => `<a class="mention" data-handle="${handle}" href="${profilePath(handle)}">@${handle}</a>`,
    },
    {
      name: "postQuoteMarker",
      level: "block",
      tokenizer(src) {
        const match = QUOTE_MARKER.exec(src);
        if (!match) return undefined;
        // An odd author must not turn the quote back into plain text, which the resolver would not hide.
        const author = match[2]?.toLowerCase();
        return { type: "postQuoteMarker", raw: match[0], postId: match[1], author: isHandle(author) ? author : undefined };
      },
      // Outside the first line of a blockquote the marker is just text.
      renderer: ({ raw }) => `<p>${escapeHtml(raw.trim())}</p>\n`,
    },
  ],
});

function toHtml(source: string): string {
  try {
    return markdown.parse(source, { async: false });
  } catch (error) {
    // Deep nesting (">" or "- " thousands of times) overflows marked's recursive descent.
    if (error instanceof RangeError) throw new MarkdownTooComplexError();
    throw error;
  }
}

/**
 * Markdown to the HTML we store: GFM, mentions, post quotes and thread links, always sanitized.
 * Synchronous and unbounded in time for hostile input: the server runs it in the render pool.
 */
export function renderMarkdown(source: string): { html: string; references: References } {
  assertPostLength(source);
  const html = sanitizePostHtml(toHtml(source));
  return { html, references: referencesInHtml(html) };
}

/** The mentions, quoted posts and linked threads of a post, as its rendered HTML shows them. */
export function extractReferences(source: string): References {
  return renderMarkdown(source).references;
}
