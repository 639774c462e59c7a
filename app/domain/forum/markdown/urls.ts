import { isOpaqueId } from "./ids";

/**
 * The URL policy of a post. Every href and src goes through the WHATWG URL parser (what the browser
 * itself runs, so tabs, newlines, control characters and odd casing in a scheme are handled the
 * same way) and is written back in its normalized form, so what we checked is what the browser gets.
 */
const BASE = new URL("https://forum.invalid/");

export type CheckedUrl =
  | { kind: "relative"; href: string; threadId: string | null }
  | { kind: "external"; href: string };

function parse(value: string): URL | null {
  try {
    return new URL(value, BASE);
  } catch {
    return null;
  }
}

// Only the base's own scheme and host: `blob:https://forum.invalid/...` shares its origin too.
const isOwn = (url: URL) => url.protocol === BASE.protocol && url.host === BASE.host;

function relative(url: URL, value: string): CheckedUrl | null {
  // A path starting with "//" would be read as another host once written back.
  if (url.pathname.startsWith("//")) return null;
  const href = value.trimStart().startsWith("#") ? url.hash || "#" : `${url.pathname}${url.search}${url.hash}`;
  const thread = /^\/t\/([^/?#]+)/.exec(url.pathname)?.[1];
  return { kind: "relative", href, threadId: isOpaqueId(thread) ? thread : null };
}

/** A link target: http(s), mailto, or a path on this site. */
export function checkLinkUrl(value: string): CheckedUrl | null {
  const url = parse(value);
  if (!url) return null;
  if (isOwn(url)) return relative(url, value);
  if (url.protocol === "http:" || url.protocol === "https:" || url.protocol === "mailto:") {
    return { kind: "external", href: url.href };
  }
  return null;
}

/** An image source: http(s), or one of our own uploads. */
export function checkImageUrl(value: string): CheckedUrl | null {
  const url = parse(value);
  if (!url) return null;
  if (isOwn(url)) {
    return url.pathname.startsWith("/uploads/") && !url.pathname.startsWith("//")
      ? { kind: "relative", href: `${url.pathname}${url.search}`, threadId: null }
      : null;
  }
  if (url.protocol === "http:" || url.protocol === "https:") return { kind: "external", href: url.href };
  return null;
}
