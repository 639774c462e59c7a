import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/client";
import type { SessionUser } from "../../app/domain/accounts/auth.server";
import { leaderboardFiltersFrom, organizationLeaderboard, peopleLeaderboard } from "../../app/domain/recognition/leaderboard.server";
import { ledgerPage, recognitionSummary } from "../../app/domain/recognition/explain.server";
import { periodStart } from "../../app/domain/recognition/periods";
import { authorStandings } from "../../app/domain/recognition/author-standing.server";
import { badgeCatalogue } from "../../app/domain/recognition/badge-catalogue.server";
import { mayJoinRoom } from "../../app/domain/rooms.server";
import { createTestDatabase } from "../support/database";
import { asSessionUser, makeOrganization, makeUser } from "../support/factories";
import { makeCategory, makeReply, makeThread, tick } from "../support/forum";
import { toggleReaction } from "../../app/domain/forum/reactions.server";

/**
 * The read side of recognition. The engine is the only writer of these tables; here the rows
 * are a database fixture written the way the engine writes them (decision 011's read contract),
 * so the read models are tested on real SQL, on PGlite and PostgreSQL alike.
 */
let database: Database;
const now = new Date("2026-11-24T12:00:00Z");

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

async function person(options: { region?: string; communitySector?: boolean; vendorStaff?: boolean; suspended?: boolean } = {}) {
  const organization = options.vendorStaff ? null : await makeOrganization(database.db, { communitySector: options.communitySector });
  const row = await makeUser(database.db, { organizationId: organization?.id ?? null, isVendorStaff: options.vendorStaff });
  await database.db
    .updateTable("users")
    .set({ region: options.region ?? "EMEA", suspended_until: options.suspended ? new Date(now.getTime() + 86_400_000) : null })
    .where("id", "=", row.id)
    .execute();
  return { user: asSessionUser(row), organizationId: organization?.id ?? null };
}

/** Points in a period bucket, as the engine's aggregate holds them. */
async function score(userId: string, organizationId: number | null, points: Partial<Record<"week" | "month" | "year" | "all", number>>) {
  for (const [period, value] of Object.entries(points) as ["week" | "month" | "year" | "all", number][]) {
    const start = periodStart(period, now);
    await database.db.insertInto("recognition_user_points").values({ period, period_start: start, user_id: userId, points: value }).execute();
    if (organizationId !== null) {
      await database.db
        .insertInto("recognition_org_points")
        .values({ period, period_start: start, organization_id: organizationId, points: value })
        .onConflict((oc) => oc.columns(["period", "period_start", "organization_id"]).doUpdateSet((eb) => ({ points: eb("recognition_org_points.points", "+", value) })))
        .execute();
    }
  }
}

const board = (query: string) => leaderboardFiltersFrom(new URLSearchParams(query));
const names = (standings: { userId: string }[]) => standings.map((standing) => standing.userId);

describe("people leaderboard", () => {
  let weekly: { user: SessionUser; organizationId: number | null };
  let yearly: { user: SessionUser; organizationId: number | null };
  let american: { user: SessionUser; organizationId: number | null };
  let sector: { user: SessionUser; organizationId: number | null };
  let staff: { user: SessionUser; organizationId: number | null };
  let suspended: { user: SessionUser; organizationId: number | null };

  beforeAll(async () => {
    weekly = await person();
    yearly = await person();
    american = await person({ region: "Americas" });
    sector = await person({ communitySector: true });
    staff = await person({ vendorStaff: true });
    suspended = await person({ suspended: true });
    await score(weekly.user.id, weekly.organizationId, { week: 40, month: 40, year: 40, all: 40 });
    await score(yearly.user.id, yearly.organizationId, { year: 500, all: 900 });
    await score(american.user.id, american.organizationId, { week: 10, month: 10, year: 10, all: 10 });
    await score(sector.user.id, sector.organizationId, { week: 20, month: 20, year: 20, all: 20 });
    await score(staff.user.id, null, { week: 70, all: 70 });
    await score(suspended.user.id, suspended.organizationId, { week: 90, all: 90 });
  });

  it("ranks this week's points, highest first, and leaves out suspended people and vendor staff", async () => {
    const { standings } = await peopleLeaderboard(database.db, null, board("period=week"), now);
    expect(names(standings)).toEqual([weekly.user.id, sector.user.id, american.user.id]);
    expect(standings.map((standing) => [standing.rank, standing.points])).toEqual([
      [1, 40],
      [2, 20],
      [3, 10],
    ]);
  });

  it("all time and this year read their own buckets", async () => {
    const year = await peopleLeaderboard(database.db, null, board("period=year"), now);
    expect(names(year.standings)[0]).toBe(yearly.user.id);
    expect(year.standings[0]!.points).toBe(500);
    const all = await peopleLeaderboard(database.db, null, board("period=all"), now);
    expect(all.standings[0]!.points).toBe(900);
  });

  it("a bucket from an earlier week does not count this week", async () => {
    const lastWeek = new Date(now.getTime() - 7 * 86_400_000);
    const late = await person();
    await database.db
      .insertInto("recognition_user_points")
      .values({ period: "week", period_start: periodStart("week", lastWeek), user_id: late.user.id, points: 999 })
      .execute();
    const { standings } = await peopleLeaderboard(database.db, null, board("period=week"), now);
    expect(names(standings)).not.toContain(late.user.id);
  });

  it("filters by region and by community-sector focus", async () => {
    const americas = await peopleLeaderboard(database.db, null, board("period=week&region=Americas"), now);
    expect(names(americas.standings)).toEqual([american.user.id]);
    const community = await peopleLeaderboard(database.db, null, board("period=week&sector=community"), now);
    expect(names(community.standings)).toEqual([sector.user.id]);
  });

  it("includes vendor staff only when asked, never suspended people", async () => {
    const { standings } = await peopleLeaderboard(database.db, null, board("period=week&staff=include"), now);
    expect(names(standings)).toEqual([staff.user.id, weekly.user.id, sector.user.id, american.user.id]);
    expect(names(standings)).not.toContain(suspended.user.id);
  });

  it("tells a viewer their own position under the same filters", async () => {
    const { you } = await peopleLeaderboard(database.db, american.user, board("period=week"), now);
    expect(you).toEqual({ rank: 3, points: 10 });
    const off = await peopleLeaderboard(database.db, yearly.user, board("period=week"), now);
    expect(off.you).toBeNull();
  });

  it("anyone, signed in or not, may follow the public leaderboard live", async () => {
    expect(await mayJoinRoom(database.db, null, "leaderboard")).toBe(true);
    expect(await mayJoinRoom(database.db, weekly.user, "leaderboard")).toBe(true);
    expect(await mayJoinRoom(database.db, null, "leaderboards")).toBe(false);
  });

  it("unknown filter values fall back to the defaults instead of failing", () => {
    expect(board("period=decade&board=cats&staff=maybe&page=-3")).toMatchObject({ period: "week", board: "people", staff: "exclude", page: 1 });
  });

  it("ranks organizations by their members' points, with the same filters", async () => {
    const { standings } = await organizationLeaderboard(database.db, board("board=organizations&period=week"), now);
    const ids = standings.map((standing) => standing.organizationId);
    expect(ids.indexOf(weekly.organizationId!)).toBeLessThan(ids.indexOf(sector.organizationId!));
    const community = await organizationLeaderboard(database.db, board("board=organizations&period=week&sector=community"), now);
    expect(community.standings.map((standing) => standing.organizationId)).toEqual([sector.organizationId]);
  });
});

describe("the viewer's own position", () => {
  // A week of its own, so that the people here are the whole board.
  const when = new Date("2026-06-10T12:00:00Z");
  let people: Array<{ user: SessionUser; organizationId: number | null }>;
  let tied: string[];

  beforeAll(async () => {
    const add = async (points: number, options: Parameters<typeof person>[0] = {}) => {
      const someone = await person(options);
      await database.db.insertInto("recognition_user_points").values({ period: "week", period_start: periodStart("week", when), user_id: someone.user.id, points }).execute();
      return someone;
    };
    const first = await add(30, { region: "EMEA" });
    const second = await add(30, { region: "EMEA", communitySector: true });
    const third = await add(30, { region: "APAC", communitySector: true });
    const pastSuspension = await add(30, { region: "APAC" });
    await database.db.updateTable("users").set({ suspended_until: new Date(when.getTime() - 86_400_000) }).where("id", "=", pastSuspension.user.id).execute();
    const deleted = await add(45, { region: "EMEA" });
    await database.db.updateTable("users").set({ deleted_at: new Date(when.getTime() - 3_600_000) }).where("id", "=", deleted.user.id).execute();
    people = [
      first,
      second,
      third,
      pastSuspension,
      deleted,
      await add(50, { region: "EMEA", suspended: true }),
      await add(60, { region: "EMEA", vendorStaff: true }),
      await add(10, { region: "APAC", communitySector: true }),
    ];
    tied = [first, second, third, pastSuspension].map((someone) => someone.user.id).sort();
  });

  it("orders people with the same points by id, the same way on the page and in the position", async () => {
    const { standings } = await peopleLeaderboard(database.db, null, board("period=week"), when);
    expect(names(standings).filter((id) => tied.includes(id))).toEqual(tied);
    for (const [index, id] of tied.entries()) {
      const viewer = people.find((someone) => someone.user.id === id)!.user;
      const { you } = await peopleLeaderboard(database.db, viewer, board("period=week"), when);
      expect(you).toEqual({ rank: index + 1, points: 30 });
    }
  });

  it("is the viewer's place on the page under every filter, and absent when the filters leave them out", async () => {
    for (const query of ["period=week", "period=week&staff=include", "period=week&region=EMEA", "period=week&region=APAC&sector=community", "period=week&sector=community&staff=include"]) {
      const { standings } = await peopleLeaderboard(database.db, null, board(query), when);
      for (const { user } of people) {
        const { you } = await peopleLeaderboard(database.db, user, board(query), when);
        const place = standings.find((standing) => standing.userId === user.id);
        expect(you, `${query}, ${user.id}`).toEqual(place ? { rank: place.rank, points: place.points } : null);
      }
    }
  });

  it("counts vendor staff ahead only when they are included, and never suspended or deleted people", async () => {
    const viewer = people[0]!.user;
    expect((await peopleLeaderboard(database.db, viewer, board("period=week"), when)).you?.rank).toBe(tied.indexOf(viewer.id) + 1);
    expect((await peopleLeaderboard(database.db, viewer, board("period=week&staff=include"), when)).you?.rank).toBe(tied.indexOf(viewer.id) + 2);
  });
});

describe("explaining a person's points", () => {
  let member: SessionUser;
  let outsider: SessionUser;
  let admin: SessionUser;
  let publicThread: { threadId: string; postId: string; title: string };
  let councilThread: { threadId: string; postId: string; title: string };

  async function eventOf(type: string, postId: string) {
    const event = await database.db
      .selectFrom("outbox_events")
      .select("id")
      .where("type", "=", type)
      .where(sql<string>`payload->>'postId'`, "=", postId)
      .executeTakeFirstOrThrow();
    return Number(event.id);
  }

  beforeAll(async () => {
    member = (await person()).user;
    outsider = (await person()).user;
    admin = asSessionUser(await makeUser(database.db, { role: "admin" }));
    const open = await makeCategory(database.db, "public");
    const title = "How do you price managed backups?";
    const thread = await makeThread(database.db, member, open.id, { title });
    publicThread = { threadId: thread.threadId, postId: thread.postId, title };

    const council = await makeCategory(database.db, "public");
    await database.db.updateTable("categories").set({ visibility: "council", council_id: "council-emea" }).where("id", "=", council.id).execute();
    const secretTitle = "Confidential: next year's partner discounts";
    const secret = await makeThread(database.db, admin, council.id, { title: secretTitle });
    const councilReply = await makeReply(database.db, admin, secret.threadId);
    councilThread = { threadId: secret.threadId, postId: councilReply.postId, title: secretTitle };

    const created = await eventOf("forum.thread_created", publicThread.postId);
    const councilEvent = await eventOf("forum.reply_posted", councilThread.postId);
    const base = { rule_version: 1, user_id: member.id, organization_id: member.organizationId, reverses_event_id: null, reverses_rule: null, actor_id: null };
    await database.db
      .insertInto("recognition_ledger")
      .values([
        { ...base, event_id: created, rule: "thread_created", points: 5, thread_id: publicThread.threadId, post_id: publicThread.postId, occurred_at: new Date("2026-11-20T10:00:00Z") },
        { ...base, event_id: created + 100_000, rule: "reaction_received", points: 5, thread_id: publicThread.threadId, post_id: publicThread.postId, occurred_at: new Date("2026-11-20T11:00:00Z") },
        {
          ...base,
          event_id: councilEvent,
          rule: "council_proposal_authored",
          points: 10,
          thread_id: councilThread.threadId,
          post_id: councilThread.postId,
          council_id: "council-emea",
          note: "Proposal on discounts",
          occurred_at: new Date("2026-11-21T10:00:00Z"),
        },
      ])
      .execute();
    await toggleReaction(database.db, { actor: outsider, postId: publicThread.postId, kind: "like", want: "on", at: tick() });
    await toggleReaction(database.db, { actor: outsider, postId: publicThread.postId, kind: "like", want: "off", at: tick() });
    await database.db
      .insertInto("recognition_ledger")
      .values({
        ...base,
        event_id: await eventOf("forum.reaction_removed", publicThread.postId),
        rule: "reversal",
        points: -5,
        reverses_event_id: created + 100_000,
        reverses_rule: "reaction_received",
        thread_id: publicThread.threadId,
        post_id: publicThread.postId,
        occurred_at: new Date("2026-11-20T12:00:00Z"),
      })
      .execute();
    await database.db
      .insertInto("recognition_profiles")
      .values({ user_id: member.id, organization_id: member.organizationId, vendor_staff: false, joined_at: new Date("2026-11-01T00:00:00Z"), points: 15, level: "contributor", level_rank: 1, updated_at: now })
      .execute();
  });

  it("says what each point was for, with a link to a thread the viewer may read", async () => {
    const { lines } = await ledgerPage(database.db, outsider, member.id, 1);
    const created = lines.find((line) => line.points === 5 && line.label === "Thread started");
    expect(created?.link).toEqual({ title: publicThread.title, href: expect.stringContaining(`/t/${publicThread.threadId}/`) });
  });

  it("shows a withdrawn reaction as a negative line that says why", async () => {
    const { lines } = await ledgerPage(database.db, outsider, member.id, 1);
    const reversal = lines.find((line) => line.points === -5);
    expect(reversal?.label).toBe("Reaction withdrawn (reaction received)");
    expect(reversal?.link?.title).toBe(publicThread.title);
  });

  it("shows council points as a council contribution to outsiders, never with the title or the note", async () => {
    for (const viewer of [outsider, null]) {
      const { lines } = await ledgerPage(database.db, viewer, member.id, 1);
      const council = lines.find((line) => line.points === 10)!;
      expect(council.label).toBe("Council contribution");
      expect(council.link).toBeNull();
      expect(council.note).toBeNull();
      expect(JSON.stringify(lines)).not.toContain("Confidential");
    }
  });

  it("shows the council thread to someone who may read the council's space", async () => {
    const { lines } = await ledgerPage(database.db, admin, member.id, 1);
    const council = lines.find((line) => line.points === 10)!;
    expect(council.link?.title).toBe(councilThread.title);
    expect(council.label).toBe("Council proposal authored");
  });

  it("a hidden post's title disappears from the explanation for those who may no longer read it", async () => {
    const hidden = await database.db.selectFrom("threads").select("title").where("id", "=", publicThread.threadId).executeTakeFirstOrThrow();
    await database.db.updateTable("threads").set({ hidden_at: now }).where("id", "=", publicThread.threadId).execute();
    try {
      const { lines } = await ledgerPage(database.db, outsider, member.id, 1);
      expect(JSON.stringify(lines)).not.toContain(hidden.title);
      const own = await ledgerPage(database.db, member, member.id, 1);
      expect(JSON.stringify(own.lines)).toContain(hidden.title);
    } finally {
      await database.db.updateTable("threads").set({ hidden_at: null }).where("id", "=", publicThread.threadId).execute();
    }
  });

  it("newest first, and the level's next step lists what is still missing", async () => {
    const { lines } = await ledgerPage(database.db, member, member.id, 1);
    expect(lines[0]!.points).toBe(10);
    const summary = await recognitionSummary(database.db, member.id, now);
    expect(summary.points).toBe(15);
    expect(summary.progress.level.id).toBe("contributor");
    expect(summary.progress.next?.id).toBe("trusted-contributor");
    expect(summary.progress.requirements.find((requirement) => requirement.label === "Points")).toEqual({ label: "Points", have: 15, need: 150 });
  });

  it("someone the engine has not seen yet has no points and is a newcomer", async () => {
    const summary = await recognitionSummary(database.db, outsider.id, now);
    expect(summary).toMatchObject({ points: 0, badges: [], progress: { level: { id: "newcomer" } } });
  });
});

describe("badges", () => {
  let holder: SessionUser;
  let other: SessionUser;
  beforeAll(async () => {
    holder = (await person()).user;
    other = (await person()).user;
    const grant = (userId: string, badge: string, tier: "bronze" | "silver" | "gold" | null, day: number, extra: { revoked?: boolean; by?: string } = {}) => ({
      user_id: userId,
      badge,
      tier,
      reason: `Reason for ${badge}`,
      event_id: day,
      awarded_by: extra.by ?? null,
      granted_at: new Date(Date.UTC(2026, 10, day)),
      revoked_at: extra.revoked ? new Date(Date.UTC(2026, 10, day + 1)) : null,
    });
    await database.db
      .insertInto("recognition_badge_grants")
      .values([
        grant(holder.id, "kudos", "bronze", 3),
        grant(holder.id, "streak", "gold", 2),
        grant(holder.id, "problem-solver", "silver", 5),
        grant(holder.id, "first-post", "bronze", 9, { revoked: true }),
        grant(other.id, "kudos", "bronze", 4),
        grant(other.id, "Webinar host", null, 6, { by: holder.id }),
      ])
      .execute();
  });

  it("author cards get each author's level and most distinguished badges, revoked ones left out", async () => {
    const standings = await authorStandings(database.db, [holder.id, other.id, holder.id]);
    expect(standings[holder.id]).toEqual({
      levelName: "Newcomer",
      badges: [
        { name: "On a roll", tier: "gold" },
        { name: "Problem solver", tier: "silver" },
      ],
    });
    expect(standings[other.id]!.badges.map((badge) => badge.name)).toContain("Appreciated");
  });

  it("a profile lists the badges held, with why, and not revoked ones", async () => {
    const summary = await recognitionSummary(database.db, holder.id, now);
    expect(summary.badges.map((badge) => badge.badge)).toEqual(["problem-solver", "kudos", "streak"]);
    expect(summary.badges[0]).toMatchObject({ name: "Problem solver", tier: "silver", reason: "Reason for problem-solver" });
    const manual = await recognitionSummary(database.db, other.id, now);
    expect(manual.badges.find((badge) => badge.badge === "Webinar host")).toMatchObject({ name: "Webinar host", manual: true });
  });

  it("the catalogue counts holders per tier and lists manual badges", async () => {
    const { automatic, manual } = await badgeCatalogue(database.db);
    const kudos = automatic.find((badge) => badge.id === "kudos")!;
    expect(kudos.tiers).toEqual([
      { tier: "bronze", threshold: 25, holders: 2 },
      { tier: "silver", threshold: 100, holders: 0 },
      { tier: "gold", threshold: 500, holders: 0 },
    ]);
    expect(automatic.find((badge) => badge.id === "first-post")!.tiers[0]!.holders).toBe(0);
    expect(manual).toEqual([{ name: "Webinar host", holders: 1 }]);
  });
});
