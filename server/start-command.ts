import fs from "node:fs";
import path from "node:path";

export const SERVER_ENTRY = "build/app-server/index.js";

/**
 * The node arguments of package.json's `start` script (its flags, such as the heap limit of
 * decision 037, then the compiled entry), so benchmarks and browser tests start the very process
 * `npm start` runs rather than a copy of its command that drifts.
 */
export function startArguments(root: string): string[] {
  const { scripts } = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as { scripts: Record<string, string> };
  const flags = scripts.start?.match(/\bnode((?: --\S+)*) build\/app-server\/index\.js/)?.[1];
  if (flags === undefined) throw new Error(`package.json's start script no longer runs \`node [flags] ${SERVER_ENTRY}\``);
  return [...flags.split(" ").filter(Boolean), path.join(root, SERVER_ENTRY)];
}
