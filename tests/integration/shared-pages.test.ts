import { describe, expect, it } from "vitest";
import { signedInMember, useAppServer } from "../support/app-server";
import { makeCategory, makeReply, makeThread } from "../support/forum";
import { enrol, makeCouncil } from "../support/councils";

/**
 * Signed-in thread pages rendered once per audience (decision 043), through the real server:
 * the shared document names nobody, and each member's own data comes with the page's data.
 */
const app = useAppServer();

const get = (path: string, cookie?: string) => fetch(`${app.origin}${path}`, { headers: cookie ? { cookie } : {} });
const member = (overrides: Parameters<typeof signedInMember>[1] = {}) => signedInMember(app.database, overrides);

describe("thread pages rendered for an audience", () => {
  it("renders a member's page once for members, naming nobody, and gives each member their own data", async () => {
    const author = await member();
    const category = await makeCategory(app.database.db);
    const { threadId } = await makeThread(app.database.db, author.user, category.id, { title: "Shared page about renewals" });
    const [first, second] = [await member(), await member()];
    // Keep asking until the page stays cached: the thread's own outbox NOTIFY may empty it once.
    await expect.poll(async () => (await get(`/t/${threadId}`, first.cookie)).headers.get("x-cache"), { timeout: 10_000 }).toBe("hit");

    const page = await get(`/t/${threadId}`, second.cookie);
    expect(page.headers.get("x-cache")).toBe("hit");
    expect(page.headers.get("cache-control")).toContain("private");
    const html = await page.text();
    expect(html).toContain("Shared page about renewals");
    expect(html).toContain("Log out");
    expect(html).not.toContain(first.row.display_name);
    expect(html).not.toContain(second.row.display_name);

    const data = await (await get(`/t/${threadId}.data`, second.cookie)).text();
    expect(data).toContain(second.row.display_name);
    expect(data).not.toContain(first.row.display_name);
  });

  it("keeps a council member's page from a member outside the council", async () => {
    const admin = await member({ role: "admin" });
    const council = await makeCouncil(app.database.db, admin.user);
    const insider = await member();
    const person = await enrol(app.database.db, admin.user, council.id, insider.row);
    const { threadId } = await makeThread(app.database.db, person, council.category_id, { title: "Council-only pricing feedback" });
    const outsider = await member();

    await expect.poll(async () => (await get(`/t/${threadId}`, insider.cookie)).headers.get("x-cache"), { timeout: 10_000 }).toBe("hit");
    const refused = await get(`/t/${threadId}`, outsider.cookie);
    expect(refused.status).toBe(404);
    expect(await refused.text()).not.toContain("Council-only pricing feedback");
  });

  it("gives the author of a hidden thread their own page, and keeps it for nobody", async () => {
    const author = await member();
    const category = await makeCategory(app.database.db);
    const { threadId } = await makeThread(app.database.db, author.user, category.id, { title: "A thread a moderator hid" });
    await app.database.db.updateTable("threads").set({ hidden_at: new Date() }).where("id", "=", threadId).execute();

    const own = await get(`/t/${threadId}`, author.cookie);
    expect(own.status).toBe(200);
    expect(await own.text()).toContain("A thread a moderator hid");
    expect((await get(`/t/${threadId}`, author.cookie)).headers.get("x-cache")).toBe("miss");
    expect((await get(`/t/${threadId}`, (await member()).cookie)).status).toBe(404);
  });

  it("renders staff pages for them alone", async () => {
    const author = await member();
    const category = await makeCategory(app.database.db);
    const { threadId } = await makeThread(app.database.db, author.user, category.id);
    const moderator = await member({ role: "moderator" });
    for (let visit = 0; visit < 2; visit++) {
      const page = await get(`/t/${threadId}`, moderator.cookie);
      expect(page.headers.get("x-cache")).toBeNull();
      expect(await page.text()).toContain(moderator.row.display_name);
    }
  });

  it("shows a new reply on the shared page at once", async () => {
    const author = await member();
    const category = await makeCategory(app.database.db);
    const { threadId } = await makeThread(app.database.db, author.user, category.id);
    const reader = await member();
    await expect.poll(async () => (await get(`/t/${threadId}`, reader.cookie)).headers.get("x-cache"), { timeout: 10_000 }).toBe("hit");
    await makeReply(app.database.db, author.user, threadId, "A reply every member must see next");
    await expect.poll(async () => (await get(`/t/${threadId}`, reader.cookie)).text()).toContain("A reply every member must see next");
  });
});
