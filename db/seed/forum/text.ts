/**
 * Markdown written indented and hard-wrapped inside the seed data, as a person would have typed it:
 * dedented (four leading spaces would make a code block) and with wrapped lines joined, because the
 * forum renders a line break as a line break. Fences are written `~~~` so they need no escaping in
 * a template literal; nothing inside a fence is touched.
 */
export function md(strings: TemplateStringsArray, ...values: unknown[]): string {
  const text = strings.reduce((out, part, i) => out + part + (i < values.length ? String(values[i]) : ""), "");
  const lines = text.replace(/^\s*\n/, "").replace(/\s+$/, "").split("\n");
  const indent = Math.min(...lines.filter((line) => line.trim()).map((line) => /^ */.exec(line)![0].length));
  const out: string[] = [];
  let inFence = false;
  for (const line of lines.map((l) => l.slice(indent))) {
    const fence = line.trimStart().startsWith("~~~");
    const previous = out.at(-1);
    const joins = !inFence && !fence && line.trim() !== "" && !startsBlock(line) && previous !== undefined && continues(previous);
    if (joins) out[out.length - 1] = `${previous} ${line.trim()}`;
    else out.push(line);
    if (fence) inFence = !inFence;
  }
  return out.join("\n");
}

/** Lines that begin their own block: list items, headings, table rows, quotes, fences, images. */
const startsBlock = (line: string) => /^\s*([-*+] |\d+\. |#|\||>|~~~|!\[)/.test(line);

/** A line that wrapped text can continue: prose or a list item, not a heading, table row or fence. */
const continues = (line: string) => line.trim() !== "" && !/^\s*(#|\||~~~|!\[)/.test(line);
