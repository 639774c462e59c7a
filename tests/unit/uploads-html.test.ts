import { describe, expect, it } from "vitest";
import { renderMarkdown } from "../../app/domain/forum/markdown";
import { blockExternalImages, uploadIdsInHtml } from "../../app/domain/uploads/post-html";
import { otherImageFormat, sniffImageFormat } from "../../app/domain/uploads/sniff";

const html = (markdown: string) => renderMarkdown(markdown).html;
const ID = "AbCdEfGh_-345678";
const OTHER = "ZyXwVuTs12345678";

describe("blockExternalImages (council content)", () => {
  it("replaces an external image with a link that says so, and loads nothing", () => {
    const out = blockExternalImages(html("Look: ![chart](https://tracker.example/pixel.png?reader=1&x=2)"));
    expect(out).not.toContain("<img");
    expect(out).toContain(
      '<a class="external-image" href="https://tracker.example/pixel.png?reader=1&amp;x=2" rel="nofollow ugc noopener noreferrer">External image (not loaded): https://tracker.example/pixel.png?reader=1&amp;x=2</a>',
    );
    expect(blockExternalImages(html("![x](http://plain.example/a.gif)"))).toContain("External image (not loaded): http://plain.example/a.gif");
  });

  it("keeps our own uploads, which reveal nothing to anyone else", () => {
    const source = html(`![diagram](/uploads/${ID}) and ![remote](https://cdn.example/b.png)`);
    const out = blockExternalImages(source);
    expect(out).toContain(`<img src="/uploads/${ID}" alt="diagram" />`);
    expect(out.match(/<img/g)).toHaveLength(1);
  });

  it("does not nest a link inside a linked image's link", () => {
    const out = blockExternalImages(html("[![badge](https://ci.example/badge.svg)](https://ci.example/build)"));
    expect(out).toContain('<a href="https://ci.example/build" rel="nofollow ugc noopener"><span class="external-image">External image (not loaded): https://ci.example/badge.svg</span></a>');
    const after = blockExternalImages(html("[![a](https://x.example/a.png)](https://x.example) ![b](https://x.example/b.png)"));
    expect(after).toContain('<a class="external-image" href="https://x.example/b.png"');
  });

  it("leaves code, text and other markup alone, and is idempotent", () => {
    const source = html("Write `<img src=\"https://x.example/a.png\">` in **bold**\n\n```html\n<img src=\"https://x.example/b.png\">\n```");
    expect(blockExternalImages(source)).toBe(source);
    const once = blockExternalImages(html("![a](https://x.example/a.png)"));
    expect(blockExternalImages(once)).toBe(once);
  });

  it("fails closed on HTML that did not come from the sanitizer", () => {
    expect(blockExternalImages('<img src="javascript:alert(1)">')).toBe("");
    expect(blockExternalImages("<IMG SRC=https://x.example/a.png>")).toBe("");
    expect(blockExternalImages('<img alt="no source">')).toBe("");
    expect(blockExternalImages('<img src="//x.example/a.png">')).toBe("");
  });
});

describe("uploadIdsInHtml", () => {
  it("finds the uploads a post shows as images, once each, and not mere links or text", () => {
    const source = html(
      `![a](/uploads/${ID}) ![again](/uploads/${ID}?v=2) ![b](/uploads/${OTHER}#x) [link](/uploads/QQQQQQQQQQQQQQQQ) \`/uploads/RRRRRRRRRRRRRRRR\` ![x](https://e.example/uploads/SSSSSSSSSSSSSSSS)`,
    );
    expect(uploadIdsInHtml(source)).toEqual([ID, OTHER]);
  });
});

describe("sniffing image formats by content", () => {
  const bytes = (...values: (number | string)[]) =>
    Uint8Array.from(values.flatMap((v) => (typeof v === "string" ? Array.from(v, (c) => c.charCodeAt(0)) : [v])));

  it("recognizes the four accepted formats by their first bytes", () => {
    expect(sniffImageFormat(bytes(0xff, 0xd8, 0xff, 0xe0))).toBe("jpeg");
    expect(sniffImageFormat(bytes(0x89, "PNG", 0x0d, 0x0a, 0x1a, 0x0a))).toBe("png");
    expect(sniffImageFormat(bytes("GIF89a"))).toBe("gif");
    expect(sniffImageFormat(bytes("RIFF", 0, 0, 0, 0, "WEBPVP8 "))).toBe("webp");
    expect(sniffImageFormat(bytes("RIFF", 0, 0, 0, 0, "WAVEfmt "))).toBeNull();
    expect(sniffImageFormat(bytes("hello"))).toBeNull();
    expect(sniffImageFormat(new Uint8Array())).toBeNull();
  });

  it("names the formats people try that we refuse", () => {
    expect(otherImageFormat(bytes(0, 0, 0, 24, "ftypheic"))).toBe("HEIC");
    expect(otherImageFormat(bytes(0, 0, 0, 24, "ftypavif"))).toBe("AVIF");
    expect(otherImageFormat(bytes("II*", 0))).toBe("TIFF");
    expect(otherImageFormat(bytes('  <?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg">'))).toBe("SVG");
    expect(otherImageFormat(bytes("plain text"))).toBeNull();
  });
});
