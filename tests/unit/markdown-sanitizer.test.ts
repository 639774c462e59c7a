import { JSDOM } from "jsdom";
import { describe, expect, it } from "vitest";
import {
  extractReferences,
  MAX_POST_LENGTH,
  PostTooLongError,
  PRIVATE_CONTENT,
  renderMarkdown,
  resolveReferences,
} from "../../app/domain/forum/markdown";
import { sanitizePostHtml } from "../../app/domain/forum/markdown/sanitize";
import { xssPayloads } from "../support/xss-payloads";

const { document } = new JSDOM("<!doctype html><body></body>").window;

/** Parses HTML the way the page inserts a post: as the inner HTML of an element in the body. */
function parse(html: string) {
  const container = document.createElement("div");
  container.innerHTML = html;
  return container;
}

const ALLOWED: Record<string, string[]> = {
  p: [], br: [], hr: [], h3: [], h4: [], h5: [], h6: [], strong: [], em: [], del: [], pre: [],
  ul: [], li: [], table: [], thead: [], tbody: [], tr: [],
  ol: ["start"], th: ["align"], td: ["align"], code: ["class"], img: ["src", "alt", "title"],
  blockquote: ["class", "data-post-id", "data-author"],
  a: ["href", "title", "rel", "class", "data-handle", "data-thread-id"],
};
const FORBIDDEN = ["script", "iframe", "object", "embed", "svg", "math", "style", "form", "input", "textarea", "template"];

/** What a browser would do: strip whitespace and control characters, ignore case, then read the scheme. */
function schemeOf(url: string) {
  const cleaned = url.replace(/[\u0000-\u0020\u007f-\u009f]/g, "").toLowerCase();
  return /^([a-z][a-z0-9+.-]*):/.exec(cleaned)?.[1] ?? null;
}

function problemsIn(html: string): string[] {
  const problems: string[] = [];
  for (const el of parse(html).querySelectorAll("*")) {
    const tag = el.localName;
    if (FORBIDDEN.includes(tag)) problems.push(`forbidden element <${tag}>`);
    if (!(tag in ALLOWED)) problems.push(`element <${tag}> not in the allowlist`);
    for (const { name, value } of el.attributes) {
      if (name.startsWith("on")) problems.push(`event handler ${name} on <${tag}>`);
      if (name === "style") problems.push(`style attribute on <${tag}>`);
      if (!ALLOWED[tag]?.includes(name)) problems.push(`attribute ${name} on <${tag}>`);
      if (name === "class" && !/^(language-[\w+#.-]+|mention|post-quote)$/.test(value)) {
        problems.push(`class "${value}" on <${tag}>`);
      }
      if (name === "href" || name === "src") {
        const scheme = schemeOf(value);
        const allowed = tag === "img" ? ["http", "https"] : ["http", "https", "mailto"];
        if (scheme === null) {
          const relativeOk = tag === "img" ? value.startsWith("/uploads/") : /^[/#]/.test(value);
          if (!relativeOk || /^[/\\]{2}/.test(value)) problems.push(`${name} "${value}" on <${tag}>`);
        } else if (!allowed.includes(scheme)) {
          problems.push(`${name} scheme "${scheme}" on <${tag}>`);
        } else if (tag === "a") {
          const rel = (el.getAttribute("rel") ?? "").split(/\s+/);
          for (const word of ["nofollow", "ugc", "noopener"]) {
            if (!rel.includes(word)) problems.push(`external link without rel ${word}`);
          }
        }
      }
    }
  }
  return problems;
}

/** The checks hold on our output and again after one more parse and serialize (mutation XSS). */
function expectSafe(html: string) {
  expect(problemsIn(html)).toEqual([]);
  expect(problemsIn(parse(html).innerHTML)).toEqual([]);
}

describe("XSS payloads", () => {
  it("has at least 60 payloads with distinct numbers", () => {
    expect(xssPayloads.length).toBeGreaterThanOrEqual(60);
    expect(new Set(xssPayloads.map((p) => p.n)).size).toBe(xssPayloads.length);
  });

  it.each(xssPayloads)("#$n $name: rendered as Markdown, nothing executable survives", ({ markdown }) => {
    expectSafe(renderMarkdown(markdown).html);
  });

  // Raw HTML never reaches the sanitizer through marked (it is escaped there), so feed the payloads
  // to the sanitizer directly too: the allowlist must hold on its own.
  it.each(xssPayloads)("#$n $name: as raw HTML, the sanitizer alone removes it", ({ markdown }) => {
    expectSafe(sanitizePostHtml(markdown));
  });
});

describe("rendering", () => {
  const html = (markdown: string) => renderMarkdown(markdown).html;

  it("demotes headings so a post never emits h1 or h2", () => {
    const out = html("# One\n\n## Two\n\n### Three\n\n#### Four\n\n###### Six");
    expect(out).toContain("<h3>One</h3>");
    expect(out).toContain("<h4>Two</h4>");
    expect(out).toContain("<h5>Three</h5>");
    expect(out).toContain("<h6>Four</h6>");
    expect(out).toContain("<h6>Six</h6>");
    expect(out).not.toMatch(/<h[12]/);
  });

  it("renders lists, emphasis, strikethrough and numbered starts", () => {
    const out = html("- one\n- **two**\n\n3. three\n4. ~~four~~ *five*");
    expect(out).toContain("<ul>\n<li>one</li>\n<li><strong>two</strong></li>\n</ul>");
    expect(out).toContain('<ol start="3">');
    expect(out).toContain("<del>four</del> <em>five</em>");
  });

  it("renders task lists as text marks, not form inputs", () => {
    const out = html("- [x] done\n- [ ] open");
    expect(out).toContain("<li>☑ done</li>");
    expect(out).toContain("<li>☐ open</li>");
    expect(out).not.toContain("<input");
  });

  it("renders GFM tables with alignment", () => {
    const out = html("| a | b |\n| :- | -: |\n| 1 | 2 |");
    expect(out).toContain('<th align="left">a</th>');
    expect(out).toContain('<td align="right">2</td>');
    expect(out).toContain("<table>");
  });

  it("keeps code text escaped and only a language-* class on code", () => {
    const out = html("```js\n<script>alert(1)</script>\n```\n\nand `<b>x</b>`");
    expect(out).toContain('<pre><code class="language-js">&lt;script&gt;alert(1)&lt;/script&gt;\n</code></pre>');
    expect(out).toContain("<code>&lt;b&gt;x&lt;/b&gt;</code>");
    expect(html('```js" onclick="x\nx\n```')).toContain("<pre><code>x");
  });

  it("shows raw HTML as text", () => {
    expect(html("<b>bold</b> <br>")).toBe("<p>&lt;b&gt;bold&lt;/b&gt; &lt;br&gt;</p>\n");
  });

  it("turns line breaks into <br> (posts are written like chat)", () => {
    expect(html("one\ntwo")).toBe("<p>one<br />\ntwo</p>\n");
  });

  it("marks external links nofollow ugc noopener and normalizes them", () => {
    expect(html("[x](https://Example.com/a?b=1&c=2)")).toBe(
      '<p><a href="https://example.com/a?b=1&amp;c=2" rel="nofollow ugc noopener">x</a></p>\n',
    );
    expect(html("see https://example.com/page")).toContain('href="https://example.com/page" rel="nofollow ugc noopener"');
    expect(html("mail ops@example.com")).toContain('href="mailto:ops@example.com" rel="nofollow ugc noopener"');
  });

  it("keeps relative links without rel and drops links it cannot allow, keeping their text", () => {
    expect(html("[x](/c/general)")).toBe('<p><a href="/c/general">x</a></p>\n');
    expect(html("[x](javascript:alert(1)) [y](//evil.example/) [z](/.//evil.example)")).toBe(
      '<p>x <a href="https://evil.example/" rel="nofollow ugc noopener">y</a> z</p>\n',
    );
  });

  it("allows images from http(s) and our own uploads only", () => {
    expect(html("![a](/uploads/2026/a.png)")).toContain('<img src="/uploads/2026/a.png" alt="a" />');
    expect(html("![a](https://cdn.example/a.png)")).toContain('<img src="https://cdn.example/a.png" alt="a" />');
    expect(html("![a](/uploads/../logout)")).not.toContain("<img");
    expect(html("![a](/avatar.png)")).not.toContain("<img");
    expect(html("![a](data:image/png;base64,AAAA)")).not.toContain("<img");
  });
});

describe("mentions", () => {
  const html = (markdown: string) => renderMarkdown(markdown).html;

  it("links @handle to the profile with a data-handle the resolver can swap", () => {
    expect(html("thanks @dana-kim!")).toBe(
      '<p>thanks <a class="mention" data-handle="dana-kim" href="/u/dana-kim">@dana-kim</a>!</p>\n',
    );
    expect(html("@Dana-Kim")).toContain('data-handle="dana-kim"');
  });

  it("ignores @ inside code, links, email addresses, words and escapes", () => {
    const markdown = "`@a` [@b](/x) c@d.example e@f \\@g\n\n```\n@h\n```\n\n[see](https://x.example/@i) x@@j";
    expect(renderMarkdown(markdown).references.mentions).toEqual([]);
    expect(html(markdown)).not.toContain("mention");
  });

  it("finds mentions in headings, lists, tables, emphasis and quotes", () => {
    const markdown = "# @a\n\n- @b\n\n| @c |\n| - |\n| **@d** |\n\n> @e";
    expect(extractReferences(markdown).mentions).toEqual(["a", "b", "c", "d", "e"]);
  });

  it("does not take a handle longer than 40 characters", () => {
    expect(extractReferences(`@${"a".repeat(41)}`).mentions).toEqual([]);
    expect(extractReferences(`@${"a".repeat(40)}`).mentions).toEqual(["a".repeat(40)]);
  });
});

describe("quotes and thread links", () => {
  const quote = "> [!quote post=abc123 author=dana-kim]\n> Use a bigger pool.";

  it("renders a post quote with a link back to the post", () => {
    expect(renderMarkdown(quote).html).toBe(
      '<blockquote class="post-quote" data-post-id="abc123" data-author="dana-kim">\n' +
        '<p><a href="/p/abc123">dana-kim wrote:</a></p>\n<p>Use a bigger pool.</p>\n</blockquote>\n',
    );
  });

  it("keeps an unusual author out of the markup but still marks the quote", () => {
    const out = renderMarkdown('> [!quote post=abc123 author=Dana_Kim"]\n> text').html;
    expect(out).toContain('<blockquote class="post-quote" data-post-id="abc123">');
    expect(out).toContain("Quoted post:");
  });

  it("leaves a marker that does not start a blockquote as text", () => {
    const out = renderMarkdown("[!quote post=abc123]\n\n> hello\n> [!quote post=def]").html;
    expect(out).not.toContain("post-quote");
    expect(out).toContain("[!quote post=abc123]");
  });

  it("gives thread links a data-thread-id", () => {
    expect(renderMarkdown("[the runbook](/t/Run_book-42#post-3)").html).toBe(
      '<p><a href="/t/Run_book-42#post-3" data-thread-id="Run_book-42">the runbook</a></p>\n',
    );
  });

  it("extracts mentions, quoted posts and linked threads once each, in order", () => {
    const source = [
      "Hi @lee and @dana-kim, @lee again.",
      "> [!quote post=p1 author=lee]",
      "> > [!quote post=p2]",
      "> > inner [t](/t/t9)",
      "",
      "[a](/t/t1) [b](/t/t1/slug) [c](/t/t2?page=2) [not a thread](/tags/t3) [p](/p/p9)",
    ].join("\n");
    expect(extractReferences(source)).toEqual({
      mentions: ["lee", "dana-kim"],
      quotedPostIds: ["p1", "p2"],
      linkedThreadIds: ["t9", "t1", "t2"],
    });
    expect(renderMarkdown(source).references).toEqual(extractReferences(source));
  });

  it("refuses posts over the length limit", () => {
    expect(() => renderMarkdown("a".repeat(MAX_POST_LENGTH + 1))).toThrow(PostTooLongError);
    expect(() => renderMarkdown("a".repeat(MAX_POST_LENGTH))).not.toThrow();
  });
});

describe("resolveReferences", () => {
  const source = [
    "> [!quote post=open author=lee]",
    "> public words",
    "",
    "> [!quote post=secret author=kim]",
    "> council words",
    "> > [!quote post=open]",
    "> > nested",
    "",
    "See [plan](/t/council-plan) and [faq](/t/faq).",
  ].join("\n");
  const { html } = renderMarkdown(source);

  it("hides quotes and thread links the viewer may not see, nested quotes included", () => {
    const out = resolveReferences(html, { posts: new Set(["open"]), threads: new Set(["faq"]) });
    expect(out).toContain("public words");
    expect(out).not.toContain("council words");
    expect(out).not.toContain("nested");
    expect(out).not.toContain("council-plan");
    expect(out).not.toContain(">plan<");
    expect(out).toContain('<a href="/t/faq" data-thread-id="faq">faq</a>');
    expect(out.split(PRIVATE_CONTENT)).toHaveLength(3);
    expect(problemsIn(out.replaceAll(PRIVATE_CONTENT, ""))).toEqual([]);
  });

  it("keeps everything the viewer may see, unchanged", () => {
    const all = { posts: new Set(["open", "secret"]), threads: new Set(["faq", "council-plan"]) };
    expect(resolveReferences(html, all)).toBe(html);
  });

  it("hides a visible quote's nested quote of a post the viewer may not see", () => {
    const nested = renderMarkdown("> [!quote post=open]\n> outer\n> > [!quote post=secret]\n> > inner").html;
    const out = resolveReferences(nested, { posts: new Set(["open"]), threads: new Set() });
    expect(out).toContain("outer");
    expect(out).not.toContain("inner");
    expect(out).toContain(PRIVATE_CONTENT);
  });

  it("hides everything when no ids are visible and returns plain posts as they are", () => {
    const out = resolveReferences(html, { posts: new Set(), threads: new Set() });
    expect(out).not.toMatch(/public words|council words|plan|faq/);
    const plain = renderMarkdown("just *text*").html;
    expect(resolveReferences(plain, { posts: new Set(), threads: new Set() })).toBe(plain);
  });
});
