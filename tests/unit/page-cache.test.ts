import type { AddressInfo } from "node:net";
import express from "express";
import { afterEach, describe, expect, it } from "vitest";
import { createPageCache } from "../../server/http/page-cache";

/** A tiny app behind the cache: each render says which render it was. */
async function serve(options: { seconds?: number; maxBytes?: number; now?: () => number; size?: number }) {
  const cache = createPageCache({ seconds: options.seconds ?? 10, maxBytes: options.maxBytes ?? 1_000_000, now: options.now });
  let renders = 0;
  let gate: Promise<void> = Promise.resolve();
  const app = express();
  app.use(cache.middleware);
  app.get("*", async (req, res) => {
    renders += 1;
    const render = renders;
    await gate;
    res.setHeader("Cache-Control", req.query.private ? "private, no-cache" : "public, max-age=0, s-maxage=10");
    res.type("html").send(`<p>render ${render}</p>${"x".repeat(options.size ?? 0)}`);
  });
  app.post("*", (_req, res) => res.send("saved"));
  const server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  servers.push(server);
  return {
    cache,
    post: (path: string) => fetch(origin + path, { method: "POST" }).then((r) => r.text()),
    get: (path: string, headers: Record<string, string> = {}) =>
      fetch(origin + path, { headers }).then(async (r) => ({ cache: r.headers.get("x-cache"), body: await r.text() })),
    hold() {
      let release!: () => void;
      gate = new Promise((resolve) => (release = resolve));
      return release;
    },
  };
}

const servers: { close(): void }[] = [];
afterEach(() => servers.splice(0).forEach((server) => server.close()));

describe("page cache", () => {
  it("keeps a shareable page until it expires", async () => {
    let clock = 0;
    const site = await serve({ seconds: 10, now: () => clock });
    expect(await site.get("/a")).toEqual({ cache: "miss", body: "<p>render 1</p>" });
    clock = 9_999;
    expect(await site.get("/a")).toEqual({ cache: "hit", body: "<p>render 1</p>" });
    clock = 10_000;
    expect(await site.get("/a")).toEqual({ cache: "miss", body: "<p>render 2</p>" });
  });

  it("keeps nothing a route marked private, and serves nothing to a request with a cookie", async () => {
    const site = await serve({});
    await site.get("/p?private=1");
    expect((await site.get("/p?private=1")).body).toBe("<p>render 2</p>");
    await site.get("/c");
    expect(await site.get("/c", { cookie: "session=1" })).toEqual({ cache: null, body: "<p>render 4</p>" });
  });

  it("does not keep a page whose render overlapped a change", async () => {
    const site = await serve({});
    const release = site.hold();
    const during = site.get("/r");
    await new Promise((resolve) => setTimeout(resolve, 50));
    site.cache.invalidate();
    release();
    expect((await during).body).toBe("<p>render 1</p>");
    expect(await site.get("/r")).toEqual({ cache: "miss", body: "<p>render 2</p>" });
  });

  it("lets a write through this process show at once, event or not", async () => {
    const site = await serve({});
    await site.get("/w");
    expect((await site.get("/w")).cache).toBe("hit");
    await site.post("/settings");
    expect(await site.get("/w")).toEqual({ cache: "miss", body: "<p>render 2</p>" });
  });

  it("renders a page once for visitors who ask at the same moment", async () => {
    const site = await serve({});
    const release = site.hold();
    const visits = [site.get("/same"), site.get("/same"), site.get("/same")];
    await new Promise((resolve) => setTimeout(resolve, 50));
    release();
    const answers = await Promise.all(visits);
    expect(answers.map((a) => a.body)).toEqual(["<p>render 1</p>", "<p>render 1</p>", "<p>render 1</p>"]);
  });

  it("forgets the least recently used pages beyond its memory", async () => {
    const site = await serve({ maxBytes: 2_500, size: 1_000 });
    await site.get("/one");
    await site.get("/two");
    await site.get("/one");
    await site.get("/three");
    expect(site.cache.stats().entries).toBe(2);
    expect((await site.get("/one")).cache).toBe("hit");
    expect((await site.get("/two")).cache).toBe("miss");
  });
});
