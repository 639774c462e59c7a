import { describe, expect, it } from "vitest";
import { createAuth } from "../../app/domain/accounts/auth.server";
import { useAppServer } from "../support/app-server";
import { asSessionUser, makeOrganization, makeUser } from "../support/factories";
import { makeCategory, makeReply, makeThread } from "../support/forum";
import { deletePost } from "../../app/domain/forum/posts.server";

/** The real server (production build) in this process: what a browser and a CDN are told. */
const app = useAppServer();

describe("HTTP caching", () => {
  it("lets a shared cache keep a page for a visitor without cookies, compressed", async () => {
    const response = await fetch(`${app.origin}/forum`, { headers: { "accept-encoding": "gzip" } });
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toMatch(/^public, max-age=0, s-maxage=10\b/);
    expect(response.headers.get("vary")).toMatch(/Cookie/);
    expect(response.headers.get("content-encoding")).toBe("gzip");
  });

  it("never lets a shared cache keep a signed-in page", async () => {
    const user = await makeUser(app.database.db);
    const { cookie } = await createAuth(app.database.db, { secureCookies: false }).startSession(user.id, { ip: null, userAgent: null });
    const response = await fetch(`${app.origin}/forum`, { headers: { cookie: cookie.split(";")[0]! } });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain(user.display_name);
    const cacheControl = response.headers.get("cache-control") ?? "";
    expect(cacheControl).toContain("private");
    expect(cacheControl).not.toMatch(/public|s-maxage/);
    expect(response.headers.get("vary")).toMatch(/Cookie/);
  });

  it("answers a reply posted through the page's action with where it landed, uncompressed, and still compresses the page's data", async () => {
    const organization = await makeOrganization(app.database.db);
    const author = await makeUser(app.database.db, { organizationId: organization.id });
    const category = await makeCategory(app.database.db);
    const { threadId } = await makeThread(app.database.db, asSessionUser(author), category.id);
    const { cookie } = await createAuth(app.database.db, { secureCookies: false }).startSession(author.id, { ip: null, userAgent: null });
    const session = cookie.split(";")[0]!;
    const posted = await fetch(`${app.origin}/t/${threadId}.data`, {
      method: "POST",
      headers: { origin: app.origin, cookie: session, "accept-encoding": "gzip", "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ intent: "reply", js: "1", body: "Posted through the action." }),
    });
    expect(posted.status).toBe(200);
    // A few hundred bytes: a deflate stream each would cost more than it saves (decision 031).
    expect(posted.headers.get("content-encoding")).toBeNull();
    expect(await posted.text()).toContain("postNumber");
    const page = await fetch(`${app.origin}/t/${threadId}.data`, { headers: { cookie: session, "accept-encoding": "gzip" } });
    expect(page.headers.get("content-encoding")).toBe("gzip");
    expect(await page.text()).toContain("Posted through the action.");
  });

  it("serves hashed assets as immutable for a year", async () => {
    const html = await (await fetch(`${app.origin}/forum`)).text();
    const asset = html.match(/\/assets\/[\w.-]+\.js/)?.[0];
    expect(asset).toBeTruthy();
    const response = await fetch(`${app.origin}${asset}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
  });
});

describe("in-process page cache (decision 029)", () => {
  async function publicThread() {
    const organization = await makeOrganization(app.database.db);
    const author = asSessionUser(await makeUser(app.database.db, { organizationId: organization.id }));
    const category = await makeCategory(app.database.db);
    const { threadId } = await makeThread(app.database.db, author, category.id, { title: "Cached thread about renewals" });
    return { author, threadId };
  }
  const get = (url: string, headers: Record<string, string> = {}) =>
    fetch(url, { headers: { "accept-encoding": "gzip", ...headers } });
  // On PostgreSQL the NOTIFY of the thread's own creation arrives on another connection, a
  // moment after the commit: keep visiting until the page stays cached.
  const warm = (url: string) => expect.poll(async () => (await get(url)).headers.get("x-cache")).toBe("hit");

  it("answers a signed-out visitor's repeat visit from memory, compressed, with an Age", async () => {
    const { threadId } = await publicThread();
    const first = await get(`${app.origin}/t/${threadId}`);
    const firstBody = await first.text();
    expect(first.headers.get("x-cache")).toBe("miss");
    await warm(`${app.origin}/t/${threadId}`);
    const second = await get(`${app.origin}/t/${threadId}`);
    expect(second.headers.get("x-cache")).toBe("hit");
    expect(second.headers.get("content-encoding")).toBe("gzip");
    expect(second.headers.get("cache-control")).toMatch(/^public, max-age=0, s-maxage=10\b/);
    expect(second.headers.get("age")).toMatch(/^\d+$/);
    expect(await second.text()).toBe(firstBody);
  });

  it("shows a new reply and drops a deleted one at once, because every outbox event empties it", async () => {
    const { author, threadId } = await publicThread();
    const url = `${app.origin}/t/${threadId}`;
    await warm(url);

    const { postId } = await makeReply(app.database.db, author, threadId, "A reply that must show up straight away");
    await expect.poll(async () => (await get(url)).text()).toContain("A reply that must show up straight away");

    await warm(url);
    await deletePost(app.database.db, { actor: author, postId });
    await expect.poll(async () => (await get(url)).text()).not.toContain("A reply that must show up straight away");
  });

  it("never answers a signed-in request for a page kept for visitors, nor keeps what it was sent", async () => {
    const url = `${app.origin}/forum`;
    await get(url);
    const user = await makeUser(app.database.db);
    const { cookie } = await createAuth(app.database.db, { secureCookies: false }).startSession(user.id, { ip: null, userAgent: null });
    const signedIn = await get(url, { cookie: cookie.split(";")[0]! });
    expect(signedIn.headers.get("x-cache")).toBeNull();
    expect(await signedIn.text()).toContain(user.display_name);
    const anonymous = await (await get(url)).text();
    expect(anonymous).not.toContain(user.display_name);
  });
});
