import sanitizeHtml, { type Attributes, type IOptions, type Transformer } from "sanitize-html";
import { isHandle, isOpaqueId, profilePath } from "./ids";
import { checkImageUrl, checkLinkUrl } from "./urls";

export const EXTERNAL_REL = "nofollow ugc noopener";

const link: Transformer = (_tag, attribs) => {
  const checked = attribs.href === undefined ? null : checkLinkUrl(attribs.href);
  if (!checked) return { tagName: "a", attribs: {} };
  const handle = attribs["data-handle"];
  if (attribs.class === "mention" && isHandle(handle) && checked.href === profilePath(handle)) {
    return { tagName: "a", attribs: { class: "mention", "data-handle": handle, href: checked.href } };
  }
  const out: Attributes = { href: checked.href };
  if (checked.kind === "external") out.rel = EXTERNAL_REL;
  else if (checked.threadId) out["data-thread-id"] = checked.threadId;
  if (attribs.title) out.title = attribs.title;
  return { tagName: "a", attribs: out };
};

const image: Transformer = (_tag, attribs) => {
  const checked = attribs.src === undefined ? null : checkImageUrl(attribs.src);
  if (!checked) return { tagName: "img", attribs: {} };
  const out: Attributes = { src: checked.href, alt: attribs.alt ?? "" };
  if (attribs.title) out.title = attribs.title;
  return { tagName: "img", attribs: out };
};

const postQuote: Transformer = (_tag, attribs) => {
  const postId = attribs["data-post-id"];
  if (attribs.class !== "post-quote" || !isOpaqueId(postId)) return { tagName: "blockquote", attribs: {} };
  const out: Attributes = { class: "post-quote", "data-post-id": postId };
  if (isHandle(attribs["data-author"])) out["data-author"] = attribs["data-author"];
  return { tagName: "blockquote", attribs: out };
};

const keepOnly =
  (name: string, pattern: RegExp): Transformer =>
  (tag, attribs) => ({
    tagName: tag,
    attribs: attribs[name] !== undefined && pattern.test(attribs[name]) ? { [name]: attribs[name] } : {},
  });

const options: IOptions = {
  allowedTags: [
    "p", "br", "hr", "h3", "h4", "h5", "h6", "strong", "em", "del", "code", "pre", "blockquote",
    "ul", "ol", "li", "table", "thead", "tbody", "tr", "th", "td", "a", "img",
  ],
  allowedAttributes: {
    a: ["href", "title", "rel", "class", "data-handle", "data-thread-id"],
    img: ["src", "alt", "title"],
    code: ["class"],
    blockquote: ["class", "data-post-id", "data-author"],
    ol: ["start"],
    th: ["align"],
    td: ["align"],
  },
  allowedClasses: { a: ["mention"], code: ["language-*"], blockquote: ["post-quote"] },
  // The transforms already normalized every URL; this second check is the library's own.
  allowedSchemes: [],
  allowedSchemesByTag: { a: ["http", "https", "mailto"], img: ["http", "https"] },
  allowedSchemesAppliedToAttributes: ["href", "src", "cite"],
  allowProtocolRelative: false,
  transformTags: {
    a: link,
    img: image,
    blockquote: postQuote,
    code: keepOnly("class", /^language-[A-Za-z0-9_+#.-]{1,32}$/),
    ol: keepOnly("start", /^\d{1,9}$/),
    th: keepOnly("align", /^(left|center|right)$/),
    td: keepOnly("align", /^(left|center|right)$/),
    h1: "h3",
    h2: "h4",
  },
  // A link or image whose URL was refused goes, keeping a link's text. (Renaming it to a disallowed
  // tag instead leaves a stale entry in sanitize-html 2.17.5's rename map: the next element at that
  // depth is closed with the wrong tag name.)
  exclusiveFilter: (frame) =>
    (frame.tag === "a" && !frame.attribs.href) || (frame.tag === "img" && !frame.attribs.src) ? "excludeTag" : false,
  disallowedTagsMode: "discard",
  // Dropped with their content, not just their tags: raw-text and foreign-content elements.
  nonTextTags: [
    "script", "style", "textarea", "option", "xmp", "noscript", "noembed", "noframes", "iframe",
    "template", "title", "plaintext", "svg", "math", "object", "embed", "select",
  ],
};

/**
 * The allowlist every post passes through after Markdown rendering, whatever the renderer emitted.
 * Output holds only these tags and attributes, with text and attribute values re-escaped.
 */
export function sanitizePostHtml(html: string): string {
  return sanitizeHtml(html, options);
}
