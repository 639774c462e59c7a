import type { Kysely, Transaction } from "kysely";
import type { DB } from "../../../db/schema";
import { recordAudit } from "../audit.server";
import { DomainError, notFound } from "../errors";
import { appendEvent } from "../events/outbox.server";
import { addMember } from "./organizations.server";

export async function requestToJoin(
  trx: Transaction<DB>,
  input: { userId: string; organizationId: number; message?: string },
) {
  const user = await trx.selectFrom("users").select(["organization_id"]).where("id", "=", input.userId).executeTakeFirst();
  if (!user) throw notFound("That person");
  if (user.organization_id !== null) throw new DomainError("You already belong to an organization.", 409);
  const organization = await trx.selectFrom("organizations").select("id").where("id", "=", input.organizationId).executeTakeFirst();
  if (!organization) throw new DomainError("Choose an organization from the list.", 400, "organizationId");
  const request = await trx
    .insertInto("join_requests")
    .values({ user_id: input.userId, organization_id: input.organizationId, message: input.message ?? "" })
    .onConflict((oc) => oc.column("user_id").where("status", "=", "pending").doNothing())
    .returningAll()
    .executeTakeFirst();
  if (!request) throw new DomainError("You already have a request waiting for an answer.", 409);
  await appendEvent(trx, {
    type: "join_request.created",
    actorId: input.userId,
    payload: { requestId: request.id, userId: input.userId, organizationId: input.organizationId },
  });
  return request;
}

export async function pendingRequestFor(db: Kysely<DB>, userId: string) {
  return db
    .selectFrom("join_requests")
    .innerJoin("organizations", "organizations.id", "join_requests.organization_id")
    .select(["join_requests.id", "organizations.name as organization_name", "join_requests.created_at"])
    .where("join_requests.user_id", "=", userId)
    .where("join_requests.status", "=", "pending")
    .executeTakeFirst();
}

export async function listPendingRequests(db: Kysely<DB>, organizationId: number) {
  return db
    .selectFrom("join_requests")
    .innerJoin("users", "users.id", "join_requests.user_id")
    .select([
      "join_requests.id",
      "join_requests.message",
      "join_requests.created_at",
      "users.display_name",
      "users.email",
      "users.title",
    ])
    .where("join_requests.organization_id", "=", organizationId)
    .where("join_requests.status", "=", "pending")
    .orderBy("join_requests.created_at")
    .execute();
}

export async function decideJoinRequest(
  db: Kysely<DB>,
  input: { requestId: number; organizationId: number; decision: "approved" | "declined"; actorId: string },
) {
  return db.transaction().execute(async (trx) => {
    const request = await trx
      .selectFrom("join_requests")
      .selectAll()
      .where("id", "=", input.requestId)
      .where("organization_id", "=", input.organizationId)
      .forUpdate()
      .executeTakeFirst();
    if (!request) throw notFound("That request");
    if (request.status !== "pending") throw new DomainError("This request was already answered.", 409);
    await trx
      .updateTable("join_requests")
      .set({ status: input.decision, decided_by: input.actorId, decided_at: new Date() })
      .where("id", "=", request.id)
      .execute();
    if (input.decision === "approved") {
      await addMember(trx, {
        userId: request.user_id,
        organizationId: request.organization_id,
        via: "join_request",
        actorId: input.actorId,
      });
    }
    await recordAudit(trx, {
      actorId: input.actorId,
      action: `join_request.${input.decision}`,
      targetType: "user",
      targetId: request.user_id,
      after: { organizationId: request.organization_id },
    });
    await appendEvent(trx, {
      type: "join_request.decided",
      actorId: input.actorId,
      payload: {
        requestId: request.id,
        userId: request.user_id,
        organizationId: request.organization_id,
        decision: input.decision,
      },
    });
    return request;
  });
}
