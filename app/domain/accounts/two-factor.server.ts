import crypto from "node:crypto";
import type { Kysely, Transaction } from "kysely";
import { generateSecret, generateURI, verify } from "otplib";
import QRCode from "qrcode";
import type { DB } from "../../../db/schema";
import type { SessionUser } from "./auth.server";
import { recordAudit } from "../audit.server";
import { DomainError } from "../errors";
import { authorize } from "../policy.server";
import { verifyPassword } from "./passwords.server";
import { hashToken } from "../../utils/ids.server";
import { assertSecondFactorAllowed, recordSecondFactorFailure, clearSecondFactorFailures } from "./two-factor-throttle.server";
import type { SecretBox } from "./secret-box.server";
import { queueMail } from "../mail/queue.server";

type Db = Kysely<DB> | Transaction<DB>;

export const TOTP_ISSUER = "Partner Community";
const RECOVERY_CODE_COUNT = 10;
// One step either side: a phone clock 30 s off still works, as most services allow.
const TOLERANCE_SECONDS = 30;

export async function twoFactorStatus(db: Db, userId: string) {
  const row = await db.selectFrom("user_two_factor").select(["enabled_at"]).where("user_id", "=", userId).executeTakeFirst();
  const codes = await db
    .selectFrom("user_recovery_codes")
    .select((eb) => eb.fn.countAll<string>().as("left"))
    .where("user_id", "=", userId)
    .where("used_at", "is", null)
    .executeTakeFirstOrThrow();
  return { enabled: Boolean(row?.enabled_at), enabledAt: row?.enabled_at ?? null, recoveryCodesLeft: Number(codes.left) };
}

/**
 * A new secret waiting for its first code. Starting again replaces a pending secret, never an
 * enabled one: turning 2FA off first is a deliberate step that asks for proof.
 */
export async function startEnrolment(db: Kysely<DB>, box: SecretBox, user: SessionUser) {
  const existing = await db.selectFrom("user_two_factor").select("enabled_at").where("user_id", "=", user.id).executeTakeFirst();
  if (existing?.enabled_at) throw new DomainError("Two-factor authentication is already on.", 409);
  const secret = generateSecret();
  const sealed = box.seal(secret, user.id);
  await db
    .insertInto("user_two_factor")
    .values({ user_id: user.id, secret: sealed })
    .onConflict((oc) => oc.column("user_id").doUpdateSet({ secret: sealed, last_time_step: null }))
    .execute();
  return enrolmentDetails(user, secret);
}

/** The pending secret again (a reload of the enrolment page shows the same QR code). */
export async function pendingEnrolment(db: Kysely<DB>, box: SecretBox, user: SessionUser) {
  const row = await db.selectFrom("user_two_factor").select(["secret", "enabled_at"]).where("user_id", "=", user.id).executeTakeFirst();
  if (!row || row.enabled_at) return null;
  return enrolmentDetails(user, box.open(row.secret, user.id));
}

async function enrolmentDetails(user: SessionUser, secret: string) {
  const uri = generateURI({ issuer: TOTP_ISSUER, label: user.email, secret });
  return { secret, uri, qrDataUrl: await QRCode.toDataURL(uri, { margin: 1, width: 200 }) };
}

/** The first good code turns 2FA on and yields the recovery codes, shown once. */
export async function confirmEnrolment(db: Kysely<DB>, box: SecretBox, user: SessionUser, code: string) {
  await assertSecondFactorAllowed(db, user.id);
  const codes = await db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom("user_two_factor").selectAll().where("user_id", "=", user.id).forUpdate().executeTakeFirst();
    if (!row) throw new DomainError("Start again: the set-up expired.", 400, "code");
    if (row.enabled_at) throw new DomainError("Two-factor authentication is already on.", 409);
    const step = await matchTotp(box.open(row.secret, user.id), code, null);
    if (step === null) return null;
    await trx.updateTable("user_two_factor").set({ enabled_at: new Date(), last_time_step: step }).where("user_id", "=", user.id).execute();
    await recordAudit(trx, { actorId: user.id, action: "account.two_factor_enabled", targetType: "user", targetId: user.id });
    await queueMail(trx, { type: "account_notice", userId: user.id, to: user.email, change: "two_factor_enabled" });
    await clearSecondFactorFailures(trx, user.id);
    return replaceRecoveryCodes(trx, user.id);
  });
  if (!codes) {
    // Counted outside the transaction: PGlite has one connection, held by it until it ends.
    await recordSecondFactorFailure(db, user.id);
    throw new DomainError("That code does not match. Check the time on your phone and try the newest code.", 400, "code");
  }
  return codes;
}

export async function regenerateRecoveryCodes(db: Kysely<DB>, box: SecretBox, user: SessionUser, proof: { code: string }) {
  await verifySecondFactor(db, box, user.id, proof.code, { allowRecovery: false });
  return db.transaction().execute(async (trx) => {
    const codes = await replaceRecoveryCodes(trx, user.id);
    await recordAudit(trx, { actorId: user.id, action: "account.recovery_codes_regenerated", targetType: "user", targetId: user.id });
    await queueMail(trx, { type: "account_notice", userId: user.id, to: user.email, change: "recovery_codes_regenerated" });
    return codes;
  });
}

/**
 * Turning 2FA off asks for proof: the password, or for accounts without one (single sign-on)
 * a current code. Staff cannot turn it off while an admin requires it.
 */
export async function disableTwoFactor(
  db: Kysely<DB>,
  box: SecretBox,
  user: SessionUser,
  proof: { password?: string; code?: string },
  options: { required: boolean },
) {
  if (options.required) throw new DomainError("Two-factor authentication is required for your role.", 403);
  if (proof.password) {
    const row = await db.selectFrom("users").select("password_hash").where("id", "=", user.id).executeTakeFirstOrThrow();
    if (!row.password_hash || !(await verifyPassword(row.password_hash, proof.password))) {
      await recordSecondFactorFailure(db, user.id);
      throw new DomainError("That password is not right.", 400, "password");
    }
  } else if (proof.code) {
    await verifySecondFactor(db, box, user.id, proof.code, { allowRecovery: true });
  } else {
    throw new DomainError("Enter your password or a code from your app.", 400, "password");
  }
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom("user_recovery_codes").where("user_id", "=", user.id).execute();
    await trx.deleteFrom("user_two_factor").where("user_id", "=", user.id).execute();
    await recordAudit(trx, { actorId: user.id, action: "account.two_factor_disabled", targetType: "user", targetId: user.id });
    await queueMail(trx, { type: "account_notice", userId: user.id, to: user.email, change: "two_factor_disabled" });
  });
}

/**
 * A TOTP code (never one already used) or an unused recovery code, which is then spent.
 * Failures count toward the per-person limit; the caller decides what a success opens.
 */
export async function verifySecondFactor(db: Kysely<DB>, box: SecretBox, userId: string, input: string, options: { allowRecovery: boolean }) {
  await assertSecondFactorAllowed(db, userId);
  const code = input.replace(/\s+/g, "").toLowerCase();
  const used = await db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom("user_two_factor").selectAll().where("user_id", "=", userId).forUpdate().executeTakeFirst();
    if (!row?.enabled_at) return null;
    if (/^\d{6}$/.test(code)) {
      const step = await matchTotp(box.open(row.secret, userId), code, row.last_time_step);
      if (step === null) return null;
      await trx.updateTable("user_two_factor").set({ last_time_step: step }).where("user_id", "=", userId).execute();
      return "totp" as const;
    }
    if (!options.allowRecovery) return null;
    const spent = await trx
      .updateTable("user_recovery_codes")
      .set({ used_at: new Date() })
      .where("user_id", "=", userId)
      .where("code_hash", "=", hashToken(code.replace(/-/g, "")))
      .where("used_at", "is", null)
      .executeTakeFirst();
    if (Number(spent.numUpdatedRows) !== 1) return null;
    await recordAudit(trx, { actorId: userId, action: "account.recovery_code_used", targetType: "user", targetId: userId });
    return "recovery" as const;
  });
  if (!used) {
    await recordSecondFactorFailure(db, userId);
    throw new DomainError(
      options.allowRecovery ? "That code does not match. Use the newest code from your app, or an unused recovery code." : "That code does not match.",
      400,
      "code",
    );
  }
  await clearSecondFactorFailures(db, userId);
  return used;
}

/** The time step the code belongs to, or null; a step at or before `lastStep` is a replay. */
async function matchTotp(secret: string, code: string, lastStep: string | null) {
  const token = code.replace(/\s+/g, "");
  if (!/^\d{6}$/.test(token)) return null;
  const result = await verify({
    secret,
    token,
    epochTolerance: TOLERANCE_SECONDS,
    ...(lastStep !== null ? { afterTimeStep: Number(lastStep) } : {}),
  });
  if (!result.valid) return null;
  return "timeStep" in result ? result.timeStep : null;
}

async function replaceRecoveryCodes(trx: Transaction<DB>, userId: string) {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const raw = crypto.randomBytes(5).toString("hex");
    return `${raw.slice(0, 5)}-${raw.slice(5)}`;
  });
  await trx.deleteFrom("user_recovery_codes").where("user_id", "=", userId).execute();
  await trx
    .insertInto("user_recovery_codes")
    .values(codes.map((code) => ({ user_id: userId, code_hash: hashToken(code.replace(/-/g, "")) })))
    .execute();
  return codes;
}

/** Whether an admin requires 2FA of moderators and admins (a row in moderation_settings). */
export const REQUIRE_TWO_FACTOR_KEY = "accounts.requireTwoFactorForStaff";

export async function staffTwoFactorRequired(db: Db) {
  const row = await db.selectFrom("moderation_settings").select("value").where("key", "=", REQUIRE_TWO_FACTOR_KEY).executeTakeFirst();
  return row?.value === true;
}

export const isStaffRole = (role: SessionUser["role"]) => role === "moderator" || role === "admin";

/** Where a signed-in person must go first, if anywhere: staff without 2FA while it is required. */
export async function enrolmentRedirect(db: Db, user: SessionUser | null, pathname: string) {
  if (!user || user.twoFactorEnabled || !isStaffRole(user.role)) return null;
  if (ENROLMENT_PATHS.some((path) => pathname === path || pathname.startsWith(`${path}.`) || pathname.startsWith(`${path}/`))) return null;
  return (await staffTwoFactorRequired(db)) ? "/settings/two-factor?required=1" : null;
}
const ENROLMENT_PATHS = ["/settings/two-factor", "/logout", "/login", "/healthz", "/assets"];

/**
 * Seals seeds stored before decision 024 (plain base32). Run at start-up, where the key is known
 * (a migration has no key); idempotent, and safe when several processes run it at once.
 */
export async function sealPlainSecrets(db: Kysely<DB>, box: SecretBox) {
  const rows = await db.selectFrom("user_two_factor").select(["user_id", "secret"]).where("secret", "not like", "v1.%").execute();
  for (const row of rows) {
    await db
      .updateTable("user_two_factor")
      .set({ secret: box.seal(row.secret, row.user_id) })
      .where("user_id", "=", row.user_id)
      .where("secret", "=", row.secret)
      .execute();
  }
  return rows.length;
}


/** Admins only; audited like every settings change. */
export async function setStaffTwoFactorRequired(db: Kysely<DB>, actor: SessionUser, required: boolean, at = new Date()) {
  authorize(actor, "admin.access", undefined);
  await db.transaction().execute(async (trx) => {
    const before = await staffTwoFactorRequired(trx);
    if (before === required) return;
    const value = JSON.stringify(required);
    await trx
      .insertInto("moderation_settings")
      .values({ key: REQUIRE_TWO_FACTOR_KEY, value, updated_by: actor.id, updated_at: at })
      .onConflict((oc) => oc.column("key").doUpdateSet({ value, updated_by: actor.id, updated_at: at }))
      .execute();
    await recordAudit(trx, { actorId: actor.id, action: "settings.changed", targetType: "setting", targetId: REQUIRE_TWO_FACTOR_KEY, before, after: required });
  });
}
