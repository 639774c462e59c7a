import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Config } from "./config";

/**
 * The key material for secrets kept encrypted in the database (decision 024): SECRET_KEY when
 * set; otherwise a random key made once in DATA_DIR/secret-key, so the embedded default needs no
 * setup and a database dump alone never holds the key. Several processes may race to make it:
 * the exclusive create lets one win and the others read what it wrote.
 */
export function loadSecretKey(config: Pick<Config, "secretKey" | "dataDir">) {
  if (config.secretKey) return config.secretKey;
  const file = path.join(config.dataDir, "secret-key");
  fs.mkdirSync(config.dataDir, { recursive: true });
  try {
    fs.writeFileSync(file, crypto.randomBytes(32).toString("base64url"), { flag: "wx", mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  // A loser of the race may read before the winner's write lands: wait for the whole key.
  for (let attempt = 0; attempt < 50; attempt++) {
    const key = fs.readFileSync(file, "utf8").trim();
    if (key.length >= 32) return key;
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
  }
  throw new Error(`${file} does not hold a key of at least 32 characters; remove it or set SECRET_KEY.`);
}
