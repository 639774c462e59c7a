import os from "node:os";
import path from "node:path";
import pino from "pino";
import { createUploadStorage } from "../../app/domain/uploads/storage.server";
import type { AppLoadContext } from "@remix-run/node";
import type { Kysely } from "kysely";
import type { DB } from "../../db/schema";
import type { SessionUser } from "../../app/domain/accounts/auth.server";
import { createAuth } from "../../app/domain/accounts/auth.server";
import { createSecretBox } from "../../app/domain/accounts/secret-box.server";
import { withCouncilAccess } from "../../app/domain/councils/access.server";
import { createCouncil } from "../../app/domain/councils/councils.server";
import { acknowledgeTerms, inviteMember, respondToInvitation } from "../../app/domain/councils/roster.server";
import type { CouncilRole } from "../../db/schema-parts/councils";
import { asSessionUser, type makeUser, unique } from "./factories";
import { render } from "./forum";

const DAY = 86_400_000;

/** A person as the server sees them on their next request: with their current councils. */
export async function viewer(db: Kysely<DB>, user: SessionUser | Awaited<ReturnType<typeof makeUser>>): Promise<SessionUser> {
  const base = "displayName" in user ? user : asSessionUser(user);
  const [fresh] = await withCouncilAccess(db, [base]);
  return fresh!;
}

export async function makeCouncil(db: Kysely<DB>, admin: SessionUser, name = unique("Council")) {
  return createCouncil(db, admin, {
    name,
    objective: "Advise the vendor on the partner programme.",
    meetingFrequency: "Quarterly",
    expectedCommitment: "Four meetings a year",
    termsText: "Everything said here stays here.",
  });
}

/** Invites, accepts and acknowledges: a current member from today. */
export async function enrol(
  db: Kysely<DB>,
  admin: SessionUser,
  councilId: string,
  user: { id: string; handle: string },
  options: { role?: CouncilRole; termEnd?: Date; acknowledge?: boolean; accept?: boolean } = {},
) {
  const now = Date.now();
  await inviteMember(db, admin, councilId, {
    handle: user.handle,
    role: options.role ?? "member",
    termStart: new Date(now - DAY),
    termEnd: options.termEnd ?? new Date(now + 365 * DAY),
  });
  const person = await viewer(db, await db.selectFrom("users").selectAll().where("id", "=", user.id).executeTakeFirstOrThrow());
  if (options.accept === false) return person;
  await respondToInvitation(db, person, councilId, true);
  if (options.acknowledge !== false) {
    const council = await db.selectFrom("councils").select("terms_version").where("id", "=", councilId).executeTakeFirstOrThrow();
    await acknowledgeTerms(db, person, councilId, council.terms_version);
  }
  return viewer(db, person);
}

const quiet = pino({ level: "silent" });
const nowhere = { revalidateUser: async () => {}, disconnectSession: async () => {}, connectedCount: () => 0 };

/** The load context a request of this person would get (sockets and uploads stubbed out). */
export function requestContext(db: Kysely<DB>, user: SessionUser | null): AppLoadContext {
  return {
    db,
    auth: createAuth(db, { secureCookies: false }),
    realtime: nowhere,
    renderMarkdown: render,
    uploads: createUploadStorage(path.join(os.tmpdir(), "council-tests-uploads")),
    log: quiet,
    publicOrigin: "http://localhost",
    user,
    sessionId: user ? "test-session" : null,
    ip: "127.0.0.1",
    secretBox: createSecretBox("key material for tests only, 32+ characters long"),
  };
}

export interface Visit {
  status: number;
  body: string;
}

type Loader = (args: { request: Request; params: Record<string, string>; context: AppLoadContext }) => unknown;

/**
 * Runs a route's loader the way Remix would for a page or a `?_data` request and returns the
 * status and everything the browser would receive (the loader data, or the error body).
 */
export async function visit(loader: Loader, options: { context: AppLoadContext; params?: Record<string, string>; path?: string }): Promise<Visit> {
  const request = new Request(`http://localhost${options.path ?? "/"}`);
  try {
    const result = await loader({ request, params: options.params ?? {}, context: options.context });
    return describe(result);
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, body: await thrown.text() };
    if (thrown instanceof Error) return { status: 500, body: thrown.stack ?? thrown.message };
    return describe(thrown);
  }
}

async function describe(result: unknown): Promise<Visit> {
  if (result instanceof Response) return { status: result.status, body: await result.text() };
  if (result && typeof result === "object" && (result as { type?: string }).type === "DataWithResponseInit") {
    const { data, init } = result as { data: unknown; init?: { status?: number } };
    return { status: init?.status ?? 200, body: JSON.stringify(data) };
  }
  return { status: 200, body: JSON.stringify(result ?? null) };
}

export const days = (n: number) => new Date(Date.now() + n * DAY);
