import fs from "node:fs";
import os from "node:os";

/** The machine line every section of docs/benchmarks.md starts with. */
export const machine = () =>
  `${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;

/** "2026-11-24 13:52": the minute a section was written, in UTC. */
export const utcMinute = () => new Date().toISOString().slice(0, 16).replace("T", " ");

export const loadAverage = () => os.loadavg().map((n) => n.toFixed(2)).join(" ");

export function markdownTable(head: string[], rows: (string | number)[][]) {
  return [`| ${head.join(" | ")} |`, `| ${head.map(() => "---").join(" | ")} |`, ...rows.map((row) => `| ${row.join(" | ")} |`)];
}

/** Appends a section (a blank line first) to docs/benchmarks.md. */
export function appendToBenchmarks(lines: string[]) {
  fs.appendFileSync(new URL("../../docs/benchmarks.md", import.meta.url), `${["", ...lines].join("\n")}\n`);
}
