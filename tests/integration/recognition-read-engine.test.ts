import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/client";
import { toggleReaction } from "../../app/domain/forum/reactions.server";
import { leaderboardFiltersFrom, peopleLeaderboard } from "../../app/domain/recognition/leaderboard.server";
import { ledgerPage, recognitionSummary } from "../../app/domain/recognition/explain.server";
import type { Dispatcher } from "../../server/dispatcher";
import { createTestDatabase } from "../support/database";
import { asSessionUser, makeOrganization, makeUser } from "../support/factories";
import { makeCategory, makeThread, tick } from "../support/forum";
import { engineDispatcher } from "../support/recognition";

/** The read side over what the real engine wrote from real forum activity. */
let database: Database;
let dispatcher: Dispatcher;
beforeAll(async () => {
  database = await createTestDatabase();
  dispatcher = engineDispatcher(database);
});
afterAll(async () => {
  await database.close();
});

describe("a reaction, through the engine, on the leaderboard and in the explanation", () => {
  it("B's +5 for A's reaction shows on the all-time board and is explained on B's profile, then reversed", async () => {
    const a = asSessionUser(await makeUser(database.db, { organizationId: (await makeOrganization(database.db)).id }));
    const b = asSessionUser(await makeUser(database.db, { organizationId: (await makeOrganization(database.db)).id }));
    const category = await makeCategory(database.db, "public");
    const title = "Which backup tier do you recommend?";
    const thread = await makeThread(database.db, b, category.id, { title });
    await dispatcher.drain();
    const before = (await recognitionSummary(database.db, b.id)).points;

    await toggleReaction(database.db, { actor: a, postId: thread.postId, kind: "like", want: "on", at: tick() });
    await dispatcher.drain();

    expect((await recognitionSummary(database.db, b.id)).points).toBe(before + 5);
    const { lines } = await ledgerPage(database.db, a, b.id, 1);
    expect(lines[0]).toMatchObject({ points: 5, label: "Reaction received", link: { title } });
    const board = await peopleLeaderboard(database.db, a, leaderboardFiltersFrom(new URLSearchParams("period=all")));
    expect(board.standings.find((standing) => standing.userId === b.id)?.points).toBe(before + 5);

    await toggleReaction(database.db, { actor: a, postId: thread.postId, kind: "like", want: "off", at: tick() });
    await dispatcher.drain();
    const after = await ledgerPage(database.db, null, b.id, 1);
    expect(after.lines[0]).toMatchObject({ points: -5, label: "Reaction withdrawn (reaction received)" });
    expect((await recognitionSummary(database.db, b.id)).points).toBe(before);
  });
});
