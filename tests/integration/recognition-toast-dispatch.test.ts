import crypto from "node:crypto";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/client";
import type { DispatchedEvent } from "../../app/domain/events/catalogue";
import type { Subscriber } from "../../app/domain/events/subscriber.server";
import { recognitionSubscriber } from "../../app/domain/recognition/engine.server";
import { createDispatcher } from "../../server/dispatcher";
import { createTestDatabase } from "../support/database";
import { headerState } from "../../app/domain/header.server";
import { asSessionUser } from "../support/factories";
import { emit, makeMember } from "../support/recognition";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

describe("recognition toasts through the dispatcher (decision 028)", () => {
  it("fans out a points toast with the batch that earned it, once, and never dispatches it again", async () => {
    const { db } = database;
    const author = await makeMember(db);
    const threadId = crypto.randomBytes(6).toString("hex");
    const seen: DispatchedEvent[][] = [];
    const watcher: Subscriber = { name: "watcher", afterCommit: (events) => void seen.push(events) };
    const dispatcher = createDispatcher({ database, log: pino({ level: "silent" }), subscribers: [recognitionSubscriber(), watcher] });
    await dispatcher.drain();
    seen.length = 0;

    await emit(db, "forum.thread_created", { threadId, postId: `${threadId}-p`, categoryId: 1, authorId: author.id });
    expect(await dispatcher.drain()).toBe(1);
    const [batch] = seen;
    expect(batch?.map((event) => event.type)).toEqual(expect.arrayContaining(["forum.thread_created", "recognition.points_changed"]));
    expect(batch?.[0]?.type).toBe("forum.thread_created");
    const toast = batch?.find((event) => event.type === "recognition.points_changed");
    expect(toast?.payload).toMatchObject({ userId: author.id, delta: 5, total: 5 });

    // Written to the outbox as a record, already dispatched: no later batch hands it out again.
    expect(await dispatcher.drain()).toBe(0);
    expect(await dispatcher.backlog()).toBe(0);
    expect(seen).toHaveLength(1);
    const row = await db.selectFrom("outbox_events").select(["type", "dispatched_at"]).where("id", "=", toast!.id).executeTakeFirstOrThrow();
    expect(row.type).toBe("recognition.points_changed");
    expect(row.dispatched_at).not.toBeNull();
    await dispatcher.stop();
  });

  it("gives each points toast the version the header then reads, higher with every batch, so a header keeps the newer total", async () => {
    const { db } = database;
    const author = await makeMember(db);
    const toasts: Array<{ total: number; version?: number }> = [];
    const watcher: Subscriber = {
      name: "watcher",
      afterCommit: (events) => {
        for (const event of events) if (event.type === "recognition.points_changed" && event.payload.userId === author.id) toasts.push(event.payload);
      },
    };
    const dispatcher = createDispatcher({ database, log: pino({ level: "silent" }), subscribers: [recognitionSubscriber(), watcher] });
    await dispatcher.drain();
    const header = async () => (await headerState(db, asSessionUser(author)))!.recognition;
    const newcomer = await header();

    for (const round of [1, 2]) {
      const threadId = crypto.randomBytes(6).toString("hex");
      await emit(db, "forum.thread_created", { threadId, postId: `${threadId}-p`, categoryId: 1, authorId: author.id });
      await dispatcher.drain();
      expect(toasts).toHaveLength(round);
      // What a page load reads after the batch committed: the toast's total and version.
      expect(await header()).toMatchObject({ points: toasts[round - 1]!.total, version: toasts[round - 1]!.version });
    }
    const [first, second] = toasts;
    expect(first!.version).toBeGreaterThan(newcomer.version);
    expect(second!.version).toBeGreaterThan(first!.version!);
    await dispatcher.stop();
  });
});
