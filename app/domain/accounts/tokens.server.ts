import crypto from "node:crypto";

/** A random token for a URL or cookie, and the digest stored instead of it. */
export function randomToken(bytes = 32) {
  return crypto.randomBytes(bytes).toString("base64url");
}

/** High-entropy tokens need no slow hash: SHA-256 keeps a stolen table useless. */
export function digest(token: string) {
  return crypto.createHash("sha256").update(token).digest("hex");
}
