import crypto from "node:crypto";

/** Unguessable ids for people and private content: they reveal neither counts nor order. */
export function newId() {
  return crypto.randomBytes(12).toString("base64url");
}

export function newToken() {
  return crypto.randomBytes(32).toString("base64url");
}

export function hashToken(token: string) {
  return crypto.createHash("sha256").update(token).digest("hex");
}
