import path from "node:path";

/**
 * Whether this code runs from the esbuild bundle in build/app-server/ (`npm start`, decision 037)
 * or from the TypeScript sources through tsx (`npm run dev`, vitest). Bundled, import.meta.url is
 * the bundle's own file, so the extension tells.
 */
export const compiled = import.meta.url.endsWith(".js");

/** The project root: one level above server/, two above build/app-server/. */
export const root = path.resolve(import.meta.dirname, compiled ? "../.." : "..");
