import type { Kysely } from "kysely";
import type { DB, Role } from "../../db/schema";
import type { SessionUser } from "../../app/domain/accounts/auth.server";
import { DomainError } from "../../app/domain/errors";
import { asSessionUser, makeOrganization, makeUser } from "./factories";

/** A person of the given role; members belong to an organization (so they earn recognition). */
export async function person(db: Kysely<DB>, role: Role = "member"): Promise<SessionUser> {
  const organization = role === "member" ? await makeOrganization(db) : null;
  return asSessionUser(await makeUser(db, { role, organizationId: organization?.id ?? null }));
}

/** The DomainError a promise rejects with (fails the test if it resolves). */
export async function refusalOf(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof DomainError)) throw new Error(`expected a DomainError, got ${String(error)}`);
  return error;
}

export async function auditRows(db: Kysely<DB>, targetId: string, targetType?: string) {
  let query = db.selectFrom("audit_log").selectAll().where("target_id", "=", targetId);
  if (targetType) query = query.where("target_type", "=", targetType);
  return query.orderBy("id").execute();
}

export async function eventsFor(db: Kysely<DB>, type: string, match: (payload: Record<string, unknown>) => boolean) {
  const rows = await db.selectFrom("outbox_events").select(["payload", "actor_id"]).where("type", "=", type).execute();
  return rows.filter((row) => match(row.payload as Record<string, unknown>));
}
