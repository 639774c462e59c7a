import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { AppLoadContext } from "@remix-run/node";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/client";
import type { SessionUser } from "../../app/domain/accounts/auth.server";
import { deletePost } from "../../app/domain/forum/posts.server";
import { avatarIdColumn, avatarIdOfUser, avatarIdsOf, removeAvatar } from "../../app/domain/uploads/avatars.server";
import { UploadError } from "../../app/domain/uploads/errors";
import { UPLOADS_PER_HOUR } from "../../app/domain/uploads/limits";
import { findServableUpload } from "../../app/domain/uploads/serve.server";
import { createUploadStorage, type UploadStorage } from "../../app/domain/uploads/storage.server";
import { linkUploadsToPost, pruneUploads, storeUpload, UNATTACHED_TTL_MS } from "../../app/domain/uploads/uploads.server";
import { action as uploadAction } from "../../app/routes/api.uploads";
import { loader as serveLoader } from "../../app/routes/uploads.$id";
import { createTestDatabase } from "../support/database";
import { asSessionUser, makeOrganization, makeUser } from "../support/factories";
import { makeCategory, makeReply, makeThread } from "../support/forum";

let database: Database;
let storage: UploadStorage;
let dir: string;
beforeAll(async () => {
  database = await createTestDatabase();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "pc-uploads-"));
  storage = createUploadStorage(path.join(dir, "uploads"));
});
afterAll(async () => {
  await database.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function person(role: "member" | "moderator" = "member") {
  const organization = await makeOrganization(database.db);
  return asSessionUser(await makeUser(database.db, { role, organizationId: organization.id }));
}

const GPS = { GPSLatitudeRef: "N", GPSLatitude: "48/1 51/1 29/1", GPSLongitudeRef: "E", GPSLongitude: "2/1 17/1 40/1" };

function image(width: number, height: number, format: "png" | "jpeg" | "webp" | "gif" = "png") {
  return sharp({ create: { width, height, channels: 3, background: "#3366cc" } }).toFormat(format).toBuffer();
}

/** Noise does not compress, so a big enough PNG of it is over any size limit. */
function noise(width: number, height: number) {
  const pixels = Buffer.alloc(width * height * 3);
  for (let i = 0; i < pixels.length; i++) pixels[i] = (i * 2654435761) >>> 24;
  return sharp(pixels, { raw: { width, height, channels: 3 } }).png({ compressionLevel: 0 }).toBuffer();
}

const stored = (id: string) => fs.readFileSync(path.join(storage.dir, id));

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(UploadError);
  return error as UploadError;
}

// Spread uploads over time so the hourly limit only trips where a test means it to.
let clock = Date.now() - 60 * 86_400_000;
const later = () => new Date((clock += 3600_001));

const upload = async (actor: SessionUser, data: Buffer, kind: "attachment" | "avatar" = "attachment") =>
  storeUpload(database.db, storage, { actor, kind, data, at: later() });

describe("checking and re-encoding", () => {
  it("drops EXIF, GPS and XMP from PNG and JPEG, and turns the picture the right way up", async () => {
    const author = await person();
    const png = await sharp({ create: { width: 300, height: 100, channels: 3, background: "#3366cc" } })
      .withExif({ IFD0: { Make: "CanaryCam", Model: "Serial 12345" }, IFD3: GPS })
      .png()
      .toBuffer();
    const jpeg = await sharp({ create: { width: 300, height: 100, channels: 3, background: "#3366cc" } })
      .withMetadata({ orientation: 6 })
      .withExifMerge({ IFD0: { Make: "CanaryCam" }, IFD3: GPS })
      .withXmp('<x:xmpmeta xmlns:x="adobe:ns:meta/"><dc:creator xmlns:dc="http://purl.org/dc/elements/1.1/">CanaryAuthor</dc:creator></x:xmpmeta>')
      .jpeg()
      .toBuffer();
    for (const input of [png, jpeg]) {
      const before = await sharp(input).metadata();
      expect(before.exif).toBeDefined();
      expect(input.includes("CanaryCam")).toBe(true);
    }

    const fromPng = await upload(author, png);
    const fromJpeg = await upload(author, jpeg);
    for (const result of [fromPng, fromJpeg]) {
      const bytes = stored(result.id);
      const after = await sharp(bytes).metadata();
      expect(after.exif).toBeUndefined();
      expect(after.xmp).toBeUndefined();
      expect(after.orientation).toBeUndefined();
      expect(bytes.includes("CanaryCam")).toBe(false);
      expect(bytes.includes("CanaryAuthor")).toBe(false);
      expect(result.bytes).toBe(bytes.byteLength);
    }
    expect(fromPng).toMatchObject({ mime: "image/png", width: 300, height: 100 });
    // Orientation 6 means "rotate 90°": applied to the pixels before the tag is dropped.
    expect(fromJpeg).toMatchObject({ mime: "image/jpeg", width: 100, height: 300 });
  });

  it("shrinks a 4000 px wide image to 1600 px and never enlarges a small one", async () => {
    const author = await person();
    const wide = await upload(author, await image(4000, 1000, "jpeg"));
    expect(wide).toMatchObject({ width: 1600, height: 400 });
    expect(await sharp(stored(wide.id)).metadata()).toMatchObject({ width: 1600, height: 400, format: "jpeg" });
    const row = await database.db.selectFrom("uploads").selectAll().where("id", "=", wide.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ uploader_id: author.id, kind: "attachment", post_id: null, width: 1600, height: 400, mime: "image/jpeg" });
    expect(await upload(author, await image(640, 480, "webp"))).toMatchObject({ width: 640, height: 480, mime: "image/webp" });
  });

  it("keeps a GIF's first frame, as PNG", async () => {
    const author = await person();
    expect(await upload(author, await image(50, 40, "gif"))).toMatchObject({ mime: "image/png", width: 50, height: 40 });
  });

  it("crops an avatar to a 256 px square", async () => {
    const author = await person();
    const avatar = await upload(author, await image(900, 300, "jpeg"), "avatar");
    expect(avatar).toMatchObject({ kind: "avatar", width: 256, height: 256, mime: "image/webp" });
    expect(await sharp(stored(avatar.id)).metadata()).toMatchObject({ width: 256, height: 256, format: "webp" });
  });

  it("decides by content: text named .png, an SVG, a truncated JPEG and a pixel bomb are refused", async () => {
    const author = await person();
    const text = await refusal(upload(author, Buffer.from("just some text, saved as photo.png")));
    expect(text).toMatchObject({ status: 400, message: expect.stringContaining("not an image") });
    const svg = await refusal(upload(author, Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')));
    expect(svg.message).toMatch(/^SVG images are not supported/);
    const truncated = await refusal(upload(author, (await image(800, 600, "jpeg")).subarray(0, 600)));
    expect(truncated).toMatchObject({ status: 400, message: expect.stringContaining("damaged") });
    const bomb = await refusal(upload(author, await image(10_000, 10_000, "png")));
    expect(bomb).toMatchObject({ status: 413, message: expect.stringContaining("megapixels") });
    expect(await database.db.selectFrom("uploads").select("id").where("uploader_id", "=", author.id).execute()).toEqual([]);
    expect(fs.readdirSync(storage.dir).some((name) => name.endsWith(".tmp"))).toBe(false);
  });

  it("refuses more than 5 MB before decoding anything", async () => {
    const author = await person();
    const big = await noise(1400, 1400);
    expect(big.byteLength).toBeGreaterThan(5 * 1024 * 1024);
    expect(await refusal(upload(author, big))).toMatchObject({ status: 413, message: "Images can be at most 5 MB." });
  });
});

describe("who sees an upload", () => {
  it("shows an unattached upload to its uploader only", async () => {
    const uploader = await person();
    const other = await person();
    const { id } = await upload(uploader, await image(40, 40));
    expect(await findServableUpload(database.db, uploader, id)).toMatchObject({ id, audience: "private" });
    expect(await findServableUpload(database.db, other, id)).toBeNull();
    expect(await findServableUpload(database.db, null, id)).toBeNull();
  });

  it("follows the post once linked: a staff-only post's image is for moderators only", async () => {
    const moderator = await person("moderator");
    const member = await person();
    const staffOnly = await makeCategory(database.db, "staff");
    const { id } = await upload(moderator, await image(40, 40));
    const { postId } = await makeThread(database.db, moderator, staffOnly.id, { body: `Handbook diagram:\n\n![diagram](/uploads/${id})` });
    await linkPost(postId);
    const row = await database.db.selectFrom("uploads").select("post_id").where("id", "=", id).executeTakeFirstOrThrow();
    expect(row.post_id).toBe(postId);
    expect(await findServableUpload(database.db, member, id)).toBeNull();
    expect(await findServableUpload(database.db, null, id)).toBeNull();
    const otherModerator = await person("moderator");
    expect(await findServableUpload(database.db, otherModerator, id)).toMatchObject({ id, audience: "private" });
  });

  it("shows a public post's image to visitors, and a deleted post's to moderators only", async () => {
    const author = await person();
    const moderator = await person("moderator");
    const category = await makeCategory(database.db);
    const { threadId } = await makeThread(database.db, author, category.id);
    const { id } = await upload(author, await image(40, 40));
    const { postId } = await replyWith(author, threadId, `![chart](/uploads/${id})`);
    await linkPost(postId);
    expect(await findServableUpload(database.db, null, id)).toMatchObject({ audience: "private" });
    await deletePost(database.db, { actor: author, postId });
    expect(await findServableUpload(database.db, null, id)).toBeNull();
    expect(await findServableUpload(database.db, author, id)).toBeNull();
    expect(await findServableUpload(database.db, moderator, id)).not.toBeNull();
  });

  it("links only the author's own unattached uploads, and never moves an image to a second post", async () => {
    const author = await person();
    const stranger = await person();
    const category = await makeCategory(database.db);
    const { threadId } = await makeThread(database.db, author, category.id);
    const mine = await upload(author, await image(40, 40));
    const theirs = await upload(stranger, await image(40, 40));
    const first = await replyWith(author, threadId, `![a](/uploads/${mine.id}) ![b](/uploads/${theirs.id}?x=1)`);
    // Posting links the author's own image and leaves the stranger's alone.
    const linked = await database.db.selectFrom("uploads").select(["id", "post_id"]).where("id", "in", [mine.id, theirs.id]).orderBy("id").execute();
    expect(Object.fromEntries(linked.map((row) => [row.id, row.post_id]))).toEqual({ [mine.id]: first.postId, [theirs.id]: null });
    expect(await linkPost(first.postId)).toEqual([]);
    expect(await findServableUpload(database.db, author, theirs.id)).toBeNull();

    const staffOnly = await makeCategory(database.db, "staff");
    const moderator = await person("moderator");
    const { postId: staffPost } = await makeThread(database.db, moderator, staffOnly.id, { body: `![copied](/uploads/${mine.id})` });
    expect(await linkPost(staffPost)).toEqual([]);
    expect(await findServableUpload(database.db, null, mine.id)).not.toBeNull();
  });

  it("lets a moderator who edits someone's post add an image of their own", async () => {
    const author = await person();
    const moderator = await person("moderator");
    const category = await makeCategory(database.db);
    const { postId } = await makeThread(database.db, author, category.id);
    const { id } = await upload(moderator, await image(40, 40));
    const html = `<p><img src="/uploads/${id}" alt="fixed screenshot" /></p>`;
    expect(await database.db.transaction().execute((trx) => linkUploadsToPost(trx, postId, html))).toEqual([]);
    expect(await database.db.transaction().execute((trx) => linkUploadsToPost(trx, postId, html, { editorId: moderator.id }))).toEqual([id]);
  });

  it("serves avatars to everyone; a new one retires the old, and removal takes it away", async () => {
    const owner = await person();
    const first = await upload(owner, await image(300, 300), "avatar");
    expect(await findServableUpload(database.db, null, first.id)).toMatchObject({ audience: "public" });
    const second = await upload(owner, await image(300, 300), "avatar");
    expect(await findServableUpload(database.db, null, first.id)).toBeNull();
    expect(fs.existsSync(path.join(storage.dir, first.id))).toBe(false);
    expect(await avatarIdOfUser(database.db, owner.id)).toBe(second.id);
    const someoneElse = await person();
    expect(await avatarIdsOf(database.db, [owner.id, someoneElse.id])).toEqual(new Map([[owner.id, second.id]]));
    const viaColumn = await database.db
      .selectFrom("users")
      .select(["id", avatarIdColumn("users.id").as("avatar_id")])
      .where("id", "in", [owner.id, someoneElse.id])
      .execute();
    expect(Object.fromEntries(viaColumn.map((row) => [row.id, row.avatar_id]))).toEqual({ [owner.id]: second.id, [someoneElse.id]: null });

    expect(await removeAvatar(database.db, storage, owner)).toBe(true);
    expect(await avatarIdOfUser(database.db, owner.id)).toBeNull();
    expect(await findServableUpload(database.db, owner, second.id)).toBeNull();
  });
});

describe("hourly limit", () => {
  it(`allows ${UPLOADS_PER_HOUR} uploads an hour, counted from the table, even when sent all at once`, async () => {
    const busy = await person();
    const data = await image(20, 20);
    const at = new Date();
    const results = await Promise.allSettled(
      Array.from({ length: UPLOADS_PER_HOUR + 5 }, () => storeUpload(database.db, storage, { actor: busy, kind: "attachment", data, at })),
    );
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(UPLOADS_PER_HOUR);
    for (const result of results.filter((r) => r.status === "rejected")) {
      expect(result.reason).toMatchObject({ status: 429, message: expect.stringContaining("You can upload again in 60 minutes") });
    }
    const rows = await database.db.selectFrom("uploads").select("id").where("uploader_id", "=", busy.id).execute();
    expect(rows).toHaveLength(UPLOADS_PER_HOUR);
    // Refused uploads leave no file behind.
    const onDisk = new Set(fs.readdirSync(storage.dir));
    expect(rows.every((row) => onDisk.has(row.id))).toBe(true);
    await expect(storeUpload(database.db, storage, { actor: busy, kind: "attachment", data, at: new Date(at.getTime() + 3600_001) })).resolves.toBeTruthy();
  });

  it("refuses a suspended account", async () => {
    const suspended = { ...(await person()), suspendedUntil: new Date(Date.now() + 86_400_000) };
    expect(await refusal(storeUpload(database.db, storage, { actor: suspended, kind: "attachment", data: await image(20, 20) }))).toMatchObject({ status: 403 });
  });
});

describe("housekeeping", () => {
  it("deletes attachments never used in a post after two weeks, with their files", async () => {
    const author = await person();
    const category = await makeCategory(database.db);
    const { threadId } = await makeThread(database.db, author, category.id);
    const old = new Date(Date.now() - UNATTACHED_TTL_MS - 86_400_000);
    const forgotten = await storeUpload(database.db, storage, { actor: author, kind: "attachment", data: await image(20, 20), at: old });
    const used = await storeUpload(database.db, storage, { actor: author, kind: "attachment", data: await image(20, 20), at: new Date(old.getTime() + 1000) });
    const fresh = await storeUpload(database.db, storage, { actor: author, kind: "attachment", data: await image(20, 20) });
    const { postId } = await replyWith(author, threadId, `![used](/uploads/${used.id})`);
    await linkPost(postId);
    await pruneUploads(database.db, storage);
    const left = await database.db.selectFrom("uploads").select("id").where("uploader_id", "=", author.id).execute();
    expect(left.map((row) => row.id).sort()).toEqual([used.id, fresh.id].sort());
    expect(fs.existsSync(path.join(storage.dir, forgotten.id))).toBe(false);
  });
});

describe("HTTP: POST /api/uploads and GET /uploads/:id", () => {
  const context = (user: SessionUser | null) =>
    ({ db: database.db, user, uploads: storage, log: { error() {} } }) as unknown as AppLoadContext;

  function post(user: SessionUser | null, body: BodyInit, headers?: HeadersInit) {
    const request = new Request("http://localhost/api/uploads", { method: "POST", body, headers });
    return uploadAction({ request, context: context(user), params: {} }) as Promise<Response>;
  }

  function form(data: Buffer, name = "photo.png", type = "image/png") {
    const body = new FormData();
    body.append("file", new File([new Uint8Array(data)], name, { type }));
    return body;
  }

  function get(user: SessionUser | null, id: string, headers?: HeadersInit) {
    const request = new Request(`http://localhost/uploads/${id}`, { headers });
    return serveLoader({ request, context: context(user), params: { id } }) as Promise<Response>;
  }

  it("stores a posted image and serves it back to its uploader with safe headers", async () => {
    const uploader = await person();
    const response = await post(uploader, form(await image(2000, 500, "jpeg"), "holiday.jpg", "image/jpeg"));
    expect(response.status).toBe(201);
    const body = (await response.json()) as { id: string; url: string; width: number; height: number };
    expect(body).toMatchObject({ url: `/uploads/${body.id}`, width: 1600, height: 400 });

    const served = await get(uploader, body.id);
    expect(served.status).toBe(200);
    expect(Object.fromEntries(served.headers)).toMatchObject({
      "content-type": "image/jpeg",
      "x-content-type-options": "nosniff",
      "content-disposition": `inline; filename="${body.id}.jpg"`,
      "cache-control": "private, max-age=3600",
      "content-security-policy": "default-src 'none'; sandbox",
      "cross-origin-resource-policy": "same-origin",
      vary: "Cookie",
    });
    expect(Buffer.from(await served.arrayBuffer()).equals(stored(body.id))).toBe(true);
    expect((await get(uploader, body.id, { "If-None-Match": `"${body.id}"` })).status).toBe(304);

    const stranger = await get(await person(), body.id);
    expect(stranger.status).toBe(404);
    expect(stranger.headers.get("cache-control")).toBe("private, no-store");
    expect((await get(null, "not-an-id")).status).toBe(404);
  });

  it("serves avatars publicly and cacheably", async () => {
    const owner = await person();
    const avatar = await upload(owner, await image(300, 300), "avatar");
    const served = await get(null, avatar.id);
    expect(served.status).toBe(200);
    expect(served.headers.get("content-type")).toBe("image/webp");
    expect(served.headers.get("cache-control")).toBe("public, max-age=86400");
    expect(served.headers.get("vary")).toBeNull();
  });

  it("answers clear refusals: a renamed text file, an oversized image, no file, no login", async () => {
    const uploader = await person();
    const renamed = await post(uploader, form(Buffer.from("definitely not a picture"), "cat.png", "image/png"));
    expect(renamed.status).toBe(400);
    expect(await renamed.json()).toEqual({ error: expect.stringContaining("not an image") });

    const big = await post(uploader, form(await noise(1400, 1400)));
    expect(big.status).toBe(413);
    expect(await big.json()).toEqual({ error: "Images can be at most 5 MB." });

    const empty = new FormData();
    empty.append("note", "hello");
    expect((await post(uploader, empty)).status).toBe(400);
    expect((await post(uploader, "file=x", { "Content-Type": "application/x-www-form-urlencoded" })).status).toBe(400);

    const anonymous = await post(null, form(await image(20, 20)));
    expect(anonymous.status).toBe(401);
    expect(await database.db.selectFrom("uploads").select("id").where("uploader_id", "=", uploader.id).execute()).toEqual([]);
  });

  it("answers 429 once the hourly limit is reached, before reading the body", async () => {
    const busy = await person();
    const data = await image(20, 20);
    for (let i = 0; i < UPLOADS_PER_HOUR; i++) await storeUpload(database.db, storage, { actor: busy, kind: "attachment", data });
    const refused = await post(busy, form(data));
    expect(refused.status).toBe(429);
    expect(((await refused.json()) as { error: string }).error).toMatch(/^You can upload 20 images an hour/);
  });
});

async function linkPost(postId: string) {
  const { body_html } = await database.db.selectFrom("posts").select("body_html").where("id", "=", postId).executeTakeFirstOrThrow();
  return database.db.transaction().execute((trx) => linkUploadsToPost(trx, postId, body_html));
}

const replyWith = (actor: SessionUser, threadId: string, body: string) => makeReply(database.db, actor, threadId, body);
