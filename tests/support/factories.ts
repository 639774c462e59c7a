import crypto from "node:crypto";
import { toSessionUser } from "../../app/domain/accounts/auth.server";
import type { Kysely } from "kysely";
import type { DB, Role } from "../../db/schema";
import { createUser } from "../../app/domain/accounts/users.server";
import { createOrganization } from "../../app/domain/organizations/organizations.server";
import type { SessionUser } from "../../app/domain/accounts/auth.server";

/** Shared by tests: unique names so no test depends on another's data. */
export const unique = (prefix = "t") => `${prefix}-${crypto.randomBytes(4).toString("hex")}`;

// One real argon2id hash reused by factories: hashing costs ~50 ms a call.
export const FACTORY_PASSWORD = "factory-password-1";
let factoryHash: Promise<string> | undefined;
async function passwordHash() {
  const { hashPassword } = await import("../../app/domain/accounts/passwords.server");
  factoryHash ??= hashPassword(FACTORY_PASSWORD);
  return factoryHash;
}

export async function makeOrganization(db: Kysely<DB>, overrides: { name?: string; communitySector?: boolean } = {}) {
  return createOrganization(
    db,
    { name: overrides.name ?? unique("Org"), tier: "gold", regions: ["EMEA"], communitySector: overrides.communitySector },
    null,
  );
}

export async function makeUser(
  db: Kysely<DB>,
  overrides: { role?: Role; organizationId?: number | null; displayName?: string; email?: string; isVendorStaff?: boolean } = {},
) {
  return createUser(db, {
    email: overrides.email ?? `${unique("user")}@example.test`,
    displayName: overrides.displayName ?? unique("Person"),
    password: null,
    passwordHash: await passwordHash(),
    role: overrides.role ?? "member",
    organizationId: overrides.organizationId ?? null,
    isVendorStaff: overrides.isVendorStaff ?? false,
  });
}

export function asSessionUser(row: Awaited<ReturnType<typeof makeUser>>): SessionUser {
  return toSessionUser(row);
}
