import crypto from "node:crypto";

/**
 * Encryption at rest for secrets the app must read back (the TOTP seed), decision 024.
 * AES-256-GCM with a key derived by HKDF from the configured secret, so one SECRET_KEY can
 * serve other purposes later under another `info`. The owner's id is the additional data: a
 * sealed value copied onto another account's row does not open.
 * Stored as `v1.<iv>.<tag>.<ciphertext>` (base64url). A value without the prefix is an old
 * plain base32 seed (base32 has no dots) and is read as is until it is sealed.
 */
export interface SecretBox {
  seal(plain: string, ownerId: string): string;
  open(stored: string, ownerId: string): string;
}

const PREFIX = "v1.";

export const isSealed = (stored: string) => stored.startsWith(PREFIX);

export function createSecretBox(keyMaterial: string, purpose = "totp-secret"): SecretBox {
  if (keyMaterial.length < 32) throw new Error("The secret key must be at least 32 characters.");
  const key = Buffer.from(crypto.hkdfSync("sha256", keyMaterial, "partner-community", purpose, 32));
  return {
    seal(plain, ownerId) {
      const iv = crypto.randomBytes(12);
      const cipher = crypto.createCipheriv("aes-256-gcm", key, iv);
      cipher.setAAD(Buffer.from(ownerId));
      const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
      return `${PREFIX}${[iv, cipher.getAuthTag(), body].map((part) => part.toString("base64url")).join(".")}`;
    },
    open(stored, ownerId) {
      if (!isSealed(stored)) return stored;
      const [iv, tag, body] = stored.slice(PREFIX.length).split(".").map((part) => Buffer.from(part, "base64url"));
      if (!iv || !tag || !body) throw new Error("A sealed secret is malformed.");
      const decipher = crypto.createDecipheriv("aes-256-gcm", key, iv);
      decipher.setAAD(Buffer.from(ownerId));
      decipher.setAuthTag(tag);
      // A wrong key or a tampered value throws here (the tag does not match): never a silent wrong seed.
      return Buffer.concat([decipher.update(body), decipher.final()]).toString("utf8");
    },
  };
}
