import type { Kysely } from "kysely";
import { changeRole, createUser, insertUser, type NewUser } from "../../app/domain/accounts/users.server";
import { acceptInvitation, createInvitation } from "../../app/domain/organizations/invitations.server";
import { decideJoinRequest, requestToJoin } from "../../app/domain/organizations/join-requests.server";
import { addMember, createOrganization } from "../../app/domain/organizations/organizations.server";
import type { DB } from "../schema";
import type { SeedProfile } from "./data/people";
import type { SeedStep } from "./plan";

/** What earlier steps created that later ones refer to (seed keys to database ids). */
export interface SeedContext {
  db: Kysely<DB>;
  /** One shared hash, or undefined for people who cannot log in. */
  passwordHash: string | undefined;
  adminId: string | null;
  organizationIds: Map<string, number>;
  partnerAdminIds: Map<string, string>;
}

/**
 * Each step calls the same domain functions, in the same transactions, as the live sign-up,
 * invitation, join-request and admin flows, so the outbox and audit log look as they would live.
 */
export async function runStep(context: SeedContext, step: SeedStep): Promise<void> {
  const { db } = context;
  switch (step.kind) {
    case "staff": {
      // The first admin gets the role at creation, as `npm run user:create` does; everyone else
      // is promoted by that admin, so the audit log says who granted each role.
      if (step.bootstrap) {
        const admin = await createUser(db, newUser(context, step.person, { role: "admin", isVendorStaff: true }));
        context.adminId = admin.id;
        return;
      }
      const user = await createUser(db, newUser(context, step.person, { isVendorStaff: true }));
      await changeRole(db, { actorId: adminId(context), userId: user.id, role: step.role, reason: "Vendor community team" });
      return;
    }
    case "organization": {
      const organization = await createOrganization(db, step.organization, adminId(context));
      context.organizationIds.set(step.organization.key, organization.id);
      return;
    }
    case "onboarded": {
      const organizationId = organizationIdOf(context, step.organization);
      const user = await db.transaction().execute(async (trx) => {
        const user = await insertUser(trx, newUser(context, step.person));
        await addMember(trx, { userId: user.id, organizationId, via: "admin", actorId: adminId(context) });
        return user;
      });
      await changeRole(db, {
        actorId: adminId(context),
        userId: user.id,
        role: "partner_admin",
        reason: "Partner admin named by the partner",
      });
      if (!context.partnerAdminIds.has(step.organization)) context.partnerAdminIds.set(step.organization, user.id);
      return;
    }
    case "invited": {
      const { token } = await createInvitation(db, {
        organizationId: organizationIdOf(context, step.organization),
        createdBy: partnerAdminOf(context, step.organization),
        email: step.person.email,
      });
      await db.transaction().execute(async (trx) => {
        const user = await insertUser(trx, newUser(context, step.person));
        await acceptInvitation(trx, { token, userId: user.id, email: step.person.email });
      });
      return;
    }
    case "approved": {
      let request;
      if (step.declinedFirstBy) {
        const wrong = await signUpRequesting(context, step.person, step.declinedFirstBy, step.message);
        await decide(context, wrong, step.declinedFirstBy, "declined");
        request = await requestAgain(context, wrong.user_id, step.organization);
      } else {
        request = await signUpRequesting(context, step.person, step.organization, step.message);
      }
      await decide(context, request, step.organization, "approved");
      return;
    }
    case "pending":
      await signUpRequesting(context, step.person, step.organization, step.message);
      return;
  }
}

function newUser(context: SeedContext, person: SeedProfile, extra: Partial<NewUser> = {}): NewUser {
  return {
    email: person.email,
    displayName: person.name,
    password: null,
    passwordHash: context.passwordHash,
    title: person.title,
    bio: person.bio,
    timeZone: person.timeZone,
    languages: person.languages,
    expertise: person.expertise,
    region: person.region,
    joinedAt: joinedAtOf(person.email),
    ...extra,
  };
}

/**
 * People joined over the last two years, not all this morning: recognition levels need days
 * since joining. Derived from the email, so the same person always joined on the same day.
 */
function joinedAtOf(email: string) {
  let hash = 0;
  for (const char of email) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  const daysAgo = 100 + (hash % 620);
  const today = new Date();
  today.setUTCHours(9, 0, 0, 0);
  return new Date(today.getTime() - daysAgo * 86_400_000);
}

/** Sign-up that names an organization: the account and its join request in one transaction. */
async function signUpRequesting(context: SeedContext, person: SeedProfile, organization: string, message: string) {
  return context.db.transaction().execute(async (trx) => {
    const user = await insertUser(trx, newUser(context, person));
    return requestToJoin(trx, { userId: user.id, organizationId: organizationIdOf(context, organization), message });
  });
}

async function requestAgain(context: SeedContext, userId: string, organization: string) {
  return context.db
    .transaction()
    .execute((trx) => requestToJoin(trx, { userId, organizationId: organizationIdOf(context, organization) }));
}

async function decide(
  context: SeedContext,
  request: { id: number },
  organization: string,
  decision: "approved" | "declined",
) {
  await decideJoinRequest(context.db, {
    requestId: request.id,
    organizationId: organizationIdOf(context, organization),
    decision,
    actorId: partnerAdminOf(context, organization),
  });
}

function adminId(context: SeedContext) {
  if (!context.adminId) throw new Error("seed plan error: the vendor admin must come first");
  return context.adminId;
}

function organizationIdOf(context: SeedContext, key: string) {
  const id = context.organizationIds.get(key);
  if (id === undefined) throw new Error(`seed plan error: unknown organization "${key}"`);
  return id;
}

function partnerAdminOf(context: SeedContext, key: string) {
  const id = context.partnerAdminIds.get(key);
  if (id === undefined) throw new Error(`seed plan error: organization "${key}" has no partner admin yet`);
  return id;
}
