/**
 * Known XSS payloads, written as post bodies. Each one, if it ever executed in a browser, would call
 * `window.__xss(n)` with its own number (a few that run in another frame call `top.__xss(n)`), so an
 * e2e test can render them all in Chromium with a sentinel and name any that fired. `n` is the
 * payload's position in the list, starting at 1.
 */
export type XssPayload = { n: number; name: string; markdown: string };

type Make = (run: string) => string;

const decimal = (text: string) => [...text].map((c) => `&#${c.codePointAt(0)};`).join("");
const paddedDecimal = (text: string) => [...text].map((c) => `&#${String(c.codePointAt(0)).padStart(7, "0")};`).join("");
const hex = (text: string) => [...text].map((c) => `&#x${c.codePointAt(0)!.toString(16)};`).join("");
const base64 = (text: string) => Buffer.from(text).toString("base64");

const cases: [string, Make][] = [
  // Raw HTML: tags that run script directly or through an event handler.
  ["script tag", (run) => `<script>${run}</script>`],
  ["script tag, mixed case", (run) => `<ScRiPt>${run}</sCrIpT>`],
  ["script split around a nested script", (run) => `<scr<script>ipt>${run}</scr</script>ipt>`],
  ["img onerror", (run) => `<img src=x onerror=${run}>`],
  ["img onerror, backtick before the handler", (run) => `<img src="x\`" onerror=${run}>`],
  ["img onerror, unclosed tag", (run) => `<img src="x" onerror="${run}"`],
  ["img with broken quotes then script", (run) => `<img """><script>${run}</script>">`],
  ["IMG SRC javascript, mixed case", (run) => `<IMG SRC=JaVaScRiPt:${run}>`],
  ["body onload", (run) => `<body onload=${run}>`],
  ["details ontoggle", (run) => `<details open ontoggle=${run}>x</details>`],
  ["input autofocus onfocus", (run) => `<input autofocus onfocus=${run}>`],
  ["select autofocus onfocus", (run) => `<select autofocus onfocus=${run}></select>`],
  ["textarea autofocus onfocus", (run) => `<textarea autofocus onfocus=${run}></textarea>`],
  ["keygen autofocus onfocus", (run) => `<keygen autofocus onfocus=${run}>`],
  ["video source onerror", (run) => `<video><source onerror=${run}></video>`],
  ["audio onerror", (run) => `<audio src=x onerror=${run}>`],
  ["marquee onstart", (run) => `<marquee onstart=${run}>x</marquee>`],
  ["div onmouseover", (run) => `<div onmouseover="${run}">hover</div>`],
  ["p onclick with entities", (run) => `<p onclick="${decimal(run)}">click</p>`],
  ["a onfocus with autofocus and tabindex", (run) => `<a id=x tabindex=1 autofocus onfocus=${run}>x</a>`],
  ["isindex image onerror", (run) => `<isindex type=image src=1 onerror=${run}>`],
  ["comment hiding the tag start", (run) => `<!--<img src="--><img src=x onerror=${run}//">`],
  // Raw HTML: URLs that run script.
  ["a href javascript", (run) => `<a href="javascript:${run}">x</a>`],
  ["a href javascript, decimal entities", (run) => `<a href="${decimal(`javascript:${run}`)}">x</a>`],
  ["a href javascript, literal tab", (run) => `<a href="jav\tascript:${run}">x</a>`],
  ["a href javascript, &#x0A; inside", (run) => `<a href="jav&#x0A;ascript:${run}">x</a>`],
  ["a href data text/html", (run) => `<a href="data:text/html,<script>top.${run}</script>">x</a>`],
  ["iframe javascript src", (run) => `<iframe src="javascript:${run}"></iframe>`],
  ["iframe srcdoc", (run) => `<iframe srcdoc="<script>top.${run}</script>"></iframe>`],
  ["object data javascript", (run) => `<object data="javascript:${run}"></object>`],
  ["embed src javascript", (run) => `<embed src="javascript:${run}">`],
  ["form action javascript", (run) => `<form action="javascript:${run}"><button>go</button></form>`],
  ["button formaction", (run) => `<button formaction="javascript:${run}">go</button>`],
  ["meta refresh", (run) => `<meta http-equiv="refresh" content="0;url=javascript:${run}">`],
  ["base href", (run) => `<base href="javascript:${run}//"><a href="x">x</a>`],
  ["link import data", (run) => `<link rel=import href="data:text/html,<script>top.${run}</script>">`],
  // Styles.
  ["style attribute url", (run) => `<div style="background:url(javascript:${run})">x</div>`],
  ["style attribute expression", (run) => `<div style="width: expression(${run})">x</div>`],
  ["style element import", (run) => `<style>@import 'javascript:${run}';</style>`],
  ["style element background", (run) => `<style>*{background:url("javascript:${run}")}</style>`],
  // SVG and MathML.
  ["svg onload", (run) => `<svg onload=${run}>`],
  ["svg script", (run) => `<svg><script>${run}</script></svg>`],
  ["svg animate onbegin", (run) => `<svg><animate onbegin=${run} attributeName=x dur=1s>`],
  ["svg a xlink:href", (run) => `<svg><a xlink:href="javascript:${run}"><text x=20 y=20>x</text></a></svg>`],
  ["svg set href", (run) => `<svg><a><set attributeName=href to="javascript:${run}"/><text y=20>x</text></a></svg>`],
  ["math href", (run) => `<math href="javascript:${run}">x</math>`],
  ["math maction xlink:href", (run) => `<math><maction actiontype="statusline" xlink:href="javascript:${run}">x</maction></math>`],
  // Mutation XSS: markup that re-parses differently once serialized.
  ["mXSS svg p style img", (run) => `<svg><p><style><img src=x onerror=${run}>`],
  ["mXSS svg style attribute breakout", (run) => `<svg></p><style><a id="</style><img src=1 onerror=${run}>">`],
  ["mXSS math mtext table mglyph style", (run) => `<math><mtext><table><mglyph><style><img src=x onerror=${run}>`],
  ["mXSS nested forms and math", (run) => `<form><math><mtext></form><form><mglyph><style></math><img src onerror=${run}>`],
  ["mXSS noscript title", (run) => `<noscript><p title="</noscript><img src=x onerror=${run}>">`],
  ["mXSS noembed title", (run) => `<noembed><img title="</noembed><img src=x onerror=${run}>"></noembed>`],
  ["mXSS iframe title", (run) => `<iframe><img title="</iframe><img src=x onerror=${run}>"></iframe>`],
  ["mXSS textarea title", (run) => `<textarea><img title="</textarea><img src=x onerror=${run}>"></textarea>`],
  ["mXSS title element", (run) => `<title><img title="</title><img src=x onerror=${run}>"></title>`],
  ["mXSS xmp", (run) => `<xmp><img src=x onerror=${run}></xmp>`],
  ["template content", (run) => `<template><img src=x onerror=${run}></template>`],
  ["svg style img", (run) => `<svg><style><img src=x onerror=${run}></style></svg>`],
  ["math style img", (run) => `<math><style><img src=x onerror=${run}></style></math>`],
  // Markdown links.
  ["link javascript", (run) => `[x](javascript:${run})`],
  ["link javascript, mixed case", (run) => `[x](JaVaScRiPt:${run})`],
  ["link &#x6A;avascript", (run) => `[x](&#x6A;avascript:${run})`],
  ["link jav&#x09;ascript", (run) => `[x](jav&#x09;ascript:${run})`],
  ["link jav&#9;ascript", (run) => `[x](jav&#9;ascript:${run})`],
  ["link newline entity in scheme", (run) => `[x](java&#10;script:${run})`],
  ["link javascript&colon;", (run) => `[x](javascript&colon;${run})`],
  ["link leading control character", (run) => `[x](&#1;javascript:${run})`],
  ["link fully hex-encoded", (run) => `[x](${hex(`javascript:${run}`)})`],
  ["link padded decimal entities", (run) => `[x](${paddedDecimal(`javascript:${run}`)})`],
  ["link angle-bracket destination", (run) => `[x](<javascript:${run}>)`],
  ["link percent-encoded scheme", (run) => `[x](%6Aavascript:${run})`],
  ["link data text/html base64", (run) => `[x](data:text/html;base64,${base64(`<script>top.${run}</script>`)})`],
  ["link data text/html percent-encoded", (run) => `[x](data:text/html,%3Cscript%3Etop.${run}%3C/script%3E)`],
  ["link vbscript", (run) => `[x](vbscript:${run})`],
  ["reference link javascript", (run) => `[x][1]\n\n[1]: javascript:${run}`],
  ["shortcut reference javascript with title", (run) => `[x]\n\n[x]: javascript:${run} "title"`],
  ["autolink javascript", (run) => `<javascript:${run}>`],
  ["autolink JAVASCRIPT upper case", (run) => `<JAVASCRIPT:${run}>`],
  ["link title breaks out with double quote", (run) => `[x](https://example.com "a\\" onmouseover=\\"${run}")`],
  ["link title breaks out with single quotes", (run) => `[x](https://example.com 'a" onmouseover="${run}')`],
  ["link destination breaks out with quote", (run) => `[x](https://example.com/"onmouseover="${run})`],
  ["thread link attribute breakout", (run) => `[x](/t/abc"onmouseover="${run})`],
  ["html inside link text", (run) => `[<img src=x onerror=${run}>](https://example.com)`],
  ["gfm autolink with quotes", (run) => `https://example.com/"onmouseover="${run}`],
  ["gfm www autolink then script", (run) => `www.example.com/<script>${run}</script>`],
  // Markdown images.
  ["image javascript", (run) => `![x](javascript:${run})`],
  ["image src breaks out with quote", (run) => `![x](x" onerror="${run})`],
  ["image alt breaks out with quote", (run) => `![x"onerror="${run}](https://example.com/a.png)`],
  ["image data svg with script", (run) => `![x](data:image/svg+xml;base64,${base64(`<svg xmlns="http://www.w3.org/2000/svg" onload="top.${run}"/>`)})`],
  // Code must stay text.
  ["html in a fenced code block", (run) => "```html\n<script>" + run + "</script>\n```"],
  ["html in a code span", (run) => "`<img src=x onerror=" + run + ">`"],
  ["fence info string breaks out", (run) => '```"><img src=x onerror=' + run + ">\ncode\n```"],
  ["fence info string with a handler", (run) => "```js onclick=" + run + "\nx\n```"],
  ["indented code block", (run) => `    <script>${run}</script>`],
  // HTML inside other Markdown blocks.
  ["img inside strong", (run) => `**<img src=x onerror=${run}>**`],
  ["img inside a table cell", (run) => `| a |\n| --- |\n| <img src=x onerror=${run}> |`],
  ["script inside a blockquote", (run) => `> <script>${run}</script>`],
  ["img inside a task list item", (run) => `- [x] <img src=x onerror=${run}>`],
  ["svg inside a heading", (run) => `# <svg onload=${run}>`],
  ["img right after @", (run) => `@<img src=x onerror=${run}>`],
  ["quote marker post id breakout", (run) => `> [!quote post=abc" onmouseover="${run} author=x]\n> text`],
  ["quote marker author breakout", (run) => `> [!quote post=abc author=x"><img src=x onerror=${run}>]\n> text`],
  ["escaped html entities stay text", (run) => `&lt;script&gt;${run}&lt;/script&gt;`],
  ["backslash-escaped tags", (run) => `\\<script>${run}\\</script>`],
  // Unicode tricks.
  ["link fullwidth javascript", (run) => `[x](ｊａｖａｓｃｒｉｐｔ:${run})`],
  ["link zero-width space in scheme", (run) => `[x](java\u200Bscript:${run})`],
  ["link right-to-left override", (run) => `[x](\u202Ejavascript:${run})`],
  ["link line separator after scheme", (run) => `[x](javascript:\u2028${run})`],
  ["link non-breaking space before scheme", (run) => `[x](&nbsp;javascript:${run})`],
];

export const xssPayloads: XssPayload[] = cases.map(([name, make], i) => {
  const n = i + 1;
  return { n, name, markdown: make(`__xss(${n})`) };
});
