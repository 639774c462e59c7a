import { sql, type Kysely, type Transaction } from "kysely";
import type { DB } from "../../../db/schema";
import type { DispatchedEvent } from "../events/catalogue";
import type { Effects } from "./evaluate";
import { dayOf, periods, periodStarts, type RecognitionPeriod } from "./periods";
import { dailyKey, externalKeyBucket, grantKey, pairKey, PAIR_PREFIX, reactionKey, EngineState, type Grant, type LedgerEntry, type LevelChange } from "./state";

/**
 * Loads the part of the engine's state a batch of events touches, and writes back what changed.
 * All SQL of the engine's projection tables lives here. Writes are set-based (one statement per
 * table and chunk), which is what makes replaying a million events take minutes, not hours.
 */
type Db = Kysely<DB> | Transaction<DB>;

const CHUNK = 1000;
const chunks = <T>(items: readonly T[], size = CHUNK): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
};

/**
 * `column = any($1::type[])`: one bound array instead of one parameter per value (`in (...)`),
 * which pg encodes, and PostgreSQL parses and plans, far more cheaply for a batch's hundreds of keys.
 */
const anyOf = (column: string, values: readonly (string | number)[], type: "text" | "int") =>
  sql<boolean>`${sql.ref(column)} = any(${values}::${sql.raw(type)}[])`;

/** Namespace of the per-recipient advisory locks (any constant distinct from the dispatcher's). */
const RECIPIENT_LOCK_SPACE = 4_021;

function keysOf(events: readonly DispatchedEvent[]) {
  const users = new Set<string>();
  const days = new Set<string>();
  const reactionPosts = new Set<string>();
  const threads = new Set<string>();
  const creditPosts = new Set<string>();
  const awards = new Set<string>();
  const categories = new Set<number>();
  // The per-pair counters a batch can read, by exact key: loading all of a busy author's
  // `pair:` rows for the day (hundreds) on every batch cost more than the rest of the state.
  const pairs = { users: [] as string[], days: [] as string[], keys: [] as string[] };
  for (const event of events) {
    const day = dayOf(event.occurredAt);
    days.add(day);
    const p = event.payload as Record<string, unknown>;
    for (const field of ["userId", "authorId", "reactorId", "answerAuthorId", "askerId", "mentorId", "menteeId", "memberId", "recipientId"]) {
      if (typeof p[field] === "string") users.add(p[field]);
    }
    if (typeof p.categoryId === "number") categories.add(p.categoryId);
    // Integration events (decision 025): the person, and the key whose daily cap they share (locked like a recipient).
    if (p.subjectType === "user" && typeof p.subjectId === "string") users.add(p.subjectId);
    if (typeof p.apiKeyId === "number") users.add(externalKeyBucket(p.apiKeyId));
    switch (event.type) {
      case "forum.reaction_added":
      case "forum.reaction_removed":
        reactionPosts.add(event.payload.postId);
        if (event.type === "forum.reaction_added") {
          pairs.users.push(event.payload.authorId);
          pairs.days.push(day);
          pairs.keys.push(pairKey(event.payload.reactorId));
        }
        if (event.type === "forum.reaction_removed") creditPosts.add(event.payload.postId);
        break;
      case "forum.thread_created":
      case "forum.reply_posted":
        threads.add(event.payload.threadId);
        break;
      case "forum.answer_unaccepted":
      case "forum.post_hidden":
      case "forum.post_deleted":
        creditPosts.add(event.payload.postId);
        break;
      case "moderation.award_revoked":
        awards.add(String(event.payload.awardId));
        break;
      default:
        break;
    }
  }
  return { users, days, pairs, reactionPosts, threads, creditPosts, awards, categories };
}

/** Takes the per-recipient locks: caps and limits are checked by one engine at a time per person. */
async function lockRecipients(trx: Db, userIds: Iterable<string>) {
  const ids = [...userIds];
  if (ids.length === 0) return;
  await sql`select count(pg_advisory_xact_lock(${RECIPIENT_LOCK_SPACE}, k)) from
    (select distinct hashtext(u) as k from unnest(${ids}::text[]) as u order by 1) as keys`.execute(trx);
}

/** `lock`: take the per-recipient locks (live processing); a replay into private tables needs none. */
export async function loadState(trx: Db, events: readonly DispatchedEvent[], options: { lock: boolean }): Promise<EngineState> {
  const keys = keysOf(events);
  const state = new EngineState();

  const credits: LedgerEntry[] = [];
  if (keys.creditPosts.size > 0 || keys.awards.size > 0) {
    const rows = await trx
      .selectFrom("recognition_ledger as l")
      .selectAll("l")
      .where("l.reverses_event_id", "is", null)
      .where((eb) =>
        eb.or([
          ...(keys.creditPosts.size > 0 ? [anyOf("l.post_id", [...keys.creditPosts], "text")] : []),
          ...(keys.awards.size > 0 ? [eb.and([eb("l.subject_type", "=", "award"), anyOf("l.subject_id", [...keys.awards], "text")])] : []),
        ]),
      )
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom("recognition_ledger as r")
              .select("r.id")
              .whereRef("r.reverses_event_id", "=", "l.event_id")
              .whereRef("r.reverses_rule", "=", "l.rule")
              .whereRef("r.user_id", "=", "l.user_id"),
          ),
        ),
      )
      .execute();
    for (const row of rows) {
      const entry = toEntry(row);
      credits.push(entry);
      state.openCredit(entry);
      keys.users.add(entry.userId);
      if (entry.categoryId !== null) keys.categories.add(entry.categoryId);
    }
  }

  if (options.lock) await lockRecipients(trx, keys.users);
  const users = [...keys.users];
  if (users.length > 0) {
    const [profiles, counters, daily, grants] = await Promise.all([
      trx.selectFrom("recognition_profiles").selectAll().where(anyOf("user_id", users, "text")).execute(),
      trx.selectFrom("recognition_counters").selectAll().where(anyOf("user_id", users, "text")).execute(),
      sql<{ user_id: string; day: string; key: string; value: number }>`
        select user_id, day::text as day, key, value from recognition_daily
        where user_id = any(${users}::text[]) and day = any(${[...keys.days]}::date[]) and key not like ${`${PAIR_PREFIX}%`}
        union all
        select d.user_id, d.day::text, d.key, d.value
        from (select distinct * from unnest(${keys.pairs.users}::text[], ${keys.pairs.days}::date[], ${keys.pairs.keys}::text[])) as x(u, d, k)
        join recognition_daily d on d.user_id = x.u and d.day = x.d and d.key = x.k`
        .execute(trx)
        .then((result) => result.rows),
      trx.selectFrom("recognition_badge_grants").selectAll().where(anyOf("user_id", users, "text")).execute(),
    ]);
    for (const row of profiles) {
      state.profiles.set(row.user_id, {
        userId: row.user_id,
        organizationId: row.organization_id,
        vendorStaff: row.vendor_staff,
        joinedAt: row.joined_at,
        points: row.points,
        level: row.level,
        levelRank: row.level_rank,
        levelChangedAt: row.level_changed_at,
      });
    }
    for (const row of counters) state.loadCounter(row.user_id, row.metric, Number(row.value));
    for (const row of daily) state.daily.set(dailyKey(row.user_id, row.day, row.key), row.value);
    for (const row of grants) {
      state.grants.set(grantKey(row.user_id, row.badge, row.tier), {
        userId: row.user_id,
        badge: row.badge,
        tier: row.tier,
        reason: row.reason,
        eventId: Number(row.event_id),
        awardId: row.award_id,
        awardedBy: row.awarded_by,
        grantedAt: row.granted_at,
        revokedAt: row.revoked_at,
        revokedEventId: row.revoked_event_id === null ? null : Number(row.revoked_event_id),
      });
    }
  }
  if (keys.reactionPosts.size > 0) {
    const rows = await trx.selectFrom("recognition_reactions").selectAll().where(anyOf("post_id", [...keys.reactionPosts], "text")).execute();
    for (const row of rows) {
      state.reactions.set(reactionKey(row.post_id, row.reactor_id), { authorId: row.author_id, kinds: row.kinds, counted: row.counted });
    }
  }
  if (keys.threads.size > 0) {
    const rows = await trx.selectFrom("recognition_threads").selectAll().where(anyOf("thread_id", [...keys.threads], "text")).execute();
    for (const row of rows) {
      state.threads.set(row.thread_id, { authorId: row.author_id, newcomerFirst: row.newcomer_first, welcomed: row.welcomed });
    }
  }
  if (keys.categories.size > 0) {
    const rows = await trx.selectFrom("categories").select(["id", "community_sector"]).where(anyOf("id", [...keys.categories], "int")).execute();
    for (const row of rows) state.sectorCategories.set(row.id, row.community_sector);
  }
  return state;
}

function toEntry(row: {
  event_id: number | string;
  rule: string;
  rule_version: number | null;
  user_id: string;
  organization_id: number | null;
  points: number;
  reverses_event_id: number | string | null;
  reverses_rule: string | null;
  actor_id: string | null;
  thread_id: string | null;
  post_id: string | null;
  category_id: number | null;
  council_id: string | null;
  subject_type: string | null;
  subject_id: string | null;
  note: string | null;
  occurred_at: Date;
}): LedgerEntry {
  return {
    eventId: Number(row.event_id),
    rule: row.rule,
    ruleVersion: row.rule_version,
    userId: row.user_id,
    organizationId: row.organization_id,
    points: row.points,
    reversesEventId: row.reverses_event_id === null ? null : Number(row.reverses_event_id),
    reversesRule: row.reverses_rule,
    actorId: row.actor_id,
    threadId: row.thread_id,
    postId: row.post_id,
    categoryId: row.category_id,
    councilId: row.council_id,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    note: row.note,
    occurredAt: row.occurred_at,
  };
}

/** Claims events for the engine; returns the ids not claimed before (a redelivery claims nothing). */
export async function claimEvents(trx: Db, eventIds: number[]): Promise<Set<number>> {
  if (eventIds.length === 0) return new Set();
  const claimed = new Set<number>();
  for (const chunk of chunks(eventIds, 10_000)) {
    const { rows } = await sql<{ event_id: string | number }>`
      insert into recognition_processed (event_id) select unnest(${chunk}::bigint[])
      on conflict do nothing returning event_id`.execute(trx);
    for (const row of rows) claimed.add(Number(row.event_id));
  }
  return claimed;
}

/** Saves a live batch; returns each written profile's new version (see writeState). */
export async function saveState(trx: Db, state: EngineState, effects: Effects) {
  await insertLedger(trx, effects.ledger);
  await writePoints(trx, new PointBuckets().add(effects.ledger));
  const versions = await writeState(trx, state, state.dirty);
  await insertGrants(trx, effects.grants);
  for (const g of effects.revokedGrants) {
    await trx
      .updateTable("recognition_badge_grants")
      .set({ revoked_at: g.revokedAt, revoked_event_id: g.revokedEventId })
      .where("user_id", "=", g.userId)
      .where("badge", "=", g.badge)
      .where(sql<boolean>`coalesce(tier, '') = ${g.tier ?? ""}`)
      .execute();
  }
  await insertLevelChanges(trx, effects.levelChanges);
  return versions;
}

/**
 * Every write below is one statement of column arrays (unnest) per table and chunk, instead of
 * a multi-row VALUES list: binding and compiling thousands of parameters a batch was most of
 * the cost of a batch, live and in a replay.
 */
export async function insertLedger(trx: Db, ledger: readonly LedgerEntry[]) {
  for (const chunk of chunks(ledger, 20_000)) {
    const col = <T>(pick: (e: LedgerEntry) => T) => chunk.map(pick);
    await sql`insert into recognition_ledger (event_id, rule, rule_version, user_id, organization_id, points,
        reverses_event_id, reverses_rule, actor_id, thread_id, post_id, category_id, council_id, subject_type, subject_id, note, occurred_at)
      select * from unnest(${col((e) => e.eventId)}::bigint[], ${col((e) => e.rule)}::text[], ${col((e) => e.ruleVersion)}::int[],
        ${col((e) => e.userId)}::text[], ${col((e) => e.organizationId)}::int[], ${col((e) => e.points)}::int[],
        ${col((e) => e.reversesEventId)}::bigint[], ${col((e) => e.reversesRule)}::text[], ${col((e) => e.actorId)}::text[],
        ${col((e) => e.threadId)}::text[], ${col((e) => e.postId)}::text[], ${col((e) => e.categoryId)}::int[],
        ${col((e) => e.councilId)}::text[], ${col((e) => e.subjectType)}::text[], ${col((e) => e.subjectId)}::text[],
        ${col((e) => e.note)}::text[], ${col((e) => e.occurredAt.toISOString())}::timestamptz[])`.execute(trx);
  }
}

/** Which of the state's rows to write (a live batch: what it changed; a replay's flush: all of it). */
export interface StateKeys {
  profiles: Iterable<string>;
  counters: Iterable<string>;
  daily: Iterable<string>;
  reactions: Iterable<string>;
  threads: Iterable<string>;
}

/**
 * Writes the state's rows; returns each written profile's version. Every profile write takes a
 * new version from one sequence, so a header that has shown a toast's total ignores a page load
 * that read the score before it (decision 042).
 */
export async function writeState(trx: Db, state: EngineState, keys: StateKeys) {
  const profiles = [...keys.profiles].map((id) => state.profiles.get(id)!);
  const now = new Date().toISOString();
  const versions = new Map<string, number>();
  for (const chunk of chunks(profiles, 20_000)) {
    const written = await sql<{ user_id: string; version: number }>`insert into recognition_profiles (user_id, organization_id, vendor_staff, joined_at, points, level, level_rank, level_changed_at, updated_at)
      select u, o, v, j, p, l, r, c, ${now}::timestamptz
      from unnest(${chunk.map((p) => p.userId)}::text[], ${chunk.map((p) => p.organizationId)}::int[], ${chunk.map((p) => p.vendorStaff)}::boolean[],
        ${chunk.map((p) => p.joinedAt.toISOString())}::timestamptz[], ${chunk.map((p) => p.points)}::int[], ${chunk.map((p) => p.level)}::text[],
        ${chunk.map((p) => p.levelRank)}::smallint[], ${chunk.map((p) => p.levelChangedAt?.toISOString() ?? null)}::timestamptz[]) as x(u, o, v, j, p, l, r, c)
      on conflict (user_id) do update set organization_id = excluded.organization_id, vendor_staff = excluded.vendor_staff,
        points = excluded.points, level = excluded.level, level_rank = excluded.level_rank,
        level_changed_at = excluded.level_changed_at, updated_at = excluded.updated_at,
        version = nextval('recognition_profile_versions')
      returning user_id, version`.execute(trx);
    for (const row of written.rows) versions.set(row.user_id, Number(row.version));
  }
  const counters = [...keys.counters].map((key) => {
    const [userId, metric] = splitKey(key, 2);
    return { user_id: userId, metric, value: state.counters.get(key)! };
  });
  for (const chunk of chunks(counters, 20_000)) {
    await sql`insert into recognition_counters (user_id, metric, value)
      select * from unnest(${chunk.map((r) => r.user_id)}::text[], ${chunk.map((r) => r.metric)}::text[], ${chunk.map((r) => r.value)}::bigint[])
      on conflict (user_id, metric) do update set value = excluded.value`.execute(trx);
  }
  const daily = [...keys.daily].map((key) => {
    const [userId, day, k] = splitKey(key, 3);
    return { user_id: userId, day, key: k, value: state.daily.get(key)! };
  });
  for (const chunk of chunks(daily, 20_000)) {
    await sql`insert into recognition_daily (user_id, day, key, value)
      select * from unnest(${chunk.map((r) => r.user_id)}::text[], ${chunk.map((r) => r.day)}::date[],
        ${chunk.map((r) => r.key)}::text[], ${chunk.map((r) => r.value)}::int[])
      on conflict (user_id, day, key) do update set value = excluded.value`.execute(trx);
  }
  const reactions = [...keys.reactions].map((key) => {
    const [postId, reactorId] = splitKey(key, 2);
    return { postId, reactorId, ...state.reactions.get(key)! };
  });
  for (const chunk of chunks(reactions, 20_000)) {
    // Kinds travel as JSON: an array of arrays cannot be unnested into rows of arrays.
    await sql`insert into recognition_reactions (post_id, reactor_id, author_id, kinds, counted)
      select p, r, a, array(select jsonb_array_elements_text(k)), c
      from unnest(${chunk.map((r) => r.postId)}::text[], ${chunk.map((r) => r.reactorId)}::text[], ${chunk.map((r) => r.authorId)}::text[],
        ${chunk.map((r) => JSON.stringify(r.kinds))}::jsonb[], ${chunk.map((r) => r.counted)}::boolean[]) as x(p, r, a, k, c)
      on conflict (post_id, reactor_id) do update set kinds = excluded.kinds, counted = excluded.counted`.execute(trx);
  }
  const threads = [...keys.threads].map((id) => ({ id, ...state.threads.get(id)! }));
  for (const chunk of chunks(threads, 20_000)) {
    await sql`insert into recognition_threads (thread_id, author_id, newcomer_first, welcomed)
      select * from unnest(${chunk.map((t) => t.id)}::text[], ${chunk.map((t) => t.authorId)}::text[],
        ${chunk.map((t) => t.newcomerFirst)}::boolean[], ${chunk.map((t) => t.welcomed)}::boolean[])
      on conflict (thread_id) do update set welcomed = excluded.welcomed`.execute(trx);
  }
  return versions;
}

/** New grants (a replay's flush passes every grant, revoked ones with their revocation). */
export async function insertGrants(trx: Db, grants: readonly Grant[]) {
  for (const chunk of chunks(grants, 20_000)) {
    const iso = (d: Date | null) => d?.toISOString() ?? null;
    await sql`insert into recognition_badge_grants (user_id, badge, tier, reason, event_id, award_id, awarded_by, granted_at, revoked_at, revoked_event_id)
      select * from unnest(${chunk.map((g) => g.userId)}::text[], ${chunk.map((g) => g.badge)}::text[], ${chunk.map((g) => g.tier)}::text[],
        ${chunk.map((g) => g.reason)}::text[], ${chunk.map((g) => g.eventId)}::bigint[], ${chunk.map((g) => g.awardId)}::int[],
        ${chunk.map((g) => g.awardedBy)}::text[], ${chunk.map((g) => iso(g.grantedAt))}::timestamptz[],
        ${chunk.map((g) => iso(g.revokedAt))}::timestamptz[], ${chunk.map((g) => g.revokedEventId)}::bigint[])`.execute(trx);
  }
}

export async function insertLevelChanges(trx: Db, changes: readonly LevelChange[]) {
  for (const chunk of chunks(changes, 20_000)) {
    await sql`insert into recognition_level_changes (user_id, event_id, from_level, to_level, occurred_at)
      select * from unnest(${chunk.map((c) => c.userId)}::text[], ${chunk.map((c) => c.eventId)}::bigint[], ${chunk.map((c) => c.fromLevel)}::text[],
        ${chunk.map((c) => c.toLevel)}::text[], ${chunk.map((c) => c.occurredAt.toISOString())}::timestamptz[])`.execute(trx);
  }
}

/** Ids never contain "|": user ids and post ids are generated, days are dates. */
function splitKey(key: string, parts: number): string[] {
  const split = key.split("|");
  if (split.length !== parts) throw new Error(`bad state key ${key}`);
  return split;
}

/** Points per leaderboard bucket (period, its start, person or organization), summed in memory. */
type Bucket<Id> = { period: RecognitionPeriod; start: string; id: Id; points: number };

export class PointBuckets {
  // Per period (in `periods` order), per start, per person or organization: no key strings are
  // built per ledger row, which made this one of the engine's hottest functions.
  private readonly byPeriod = periods.map(() => new Map<string, { users: Map<string, Bucket<string>>; orgs: Map<number, Bucket<number>> }>());

  add(ledger: readonly LedgerEntry[]) {
    for (const entry of ledger) {
      const starts = periodStarts(entry.occurredAt);
      for (let i = 0; i < periods.length; i++) {
        const period = periods[i]!;
        const start = starts[i]!;
        const byStart = this.byPeriod[i]!;
        let bucket = byStart.get(start);
        if (!bucket) byStart.set(start, (bucket = { users: new Map(), orgs: new Map() }));
        let user = bucket.users.get(entry.userId);
        if (!user) bucket.users.set(entry.userId, (user = { period, start, id: entry.userId, points: 0 }));
        user.points += entry.points;
        if (entry.organizationId === null) continue;
        let org = bucket.orgs.get(entry.organizationId);
        if (!org) bucket.orgs.set(entry.organizationId, (org = { period, start, id: entry.organizationId, points: 0 }));
        org.points += entry.points;
      }
    }
    return this;
  }

  users(): Bucket<string>[] {
    return this.byPeriod.flatMap((byStart) => [...byStart.values()].flatMap((bucket) => [...bucket.users.values()]));
  }

  orgs(): Bucket<number>[] {
    return this.byPeriod.flatMap((byStart) => [...byStart.values()].flatMap((bucket) => [...bucket.orgs.values()]));
  }
}

/** Adds the buckets to the leaderboard aggregates. */
export async function writePoints(trx: Db, buckets: PointBuckets) {
  for (const chunk of chunks(buckets.users(), 20_000)) {
    await sql`insert into recognition_user_points (period, period_start, user_id, points)
      select * from unnest(${chunk.map((r) => r.period)}::text[], ${chunk.map((r) => r.start)}::date[],
        ${chunk.map((r) => r.id)}::text[], ${chunk.map((r) => r.points)}::int[])
      on conflict (period, period_start, user_id) do update set points = recognition_user_points.points + excluded.points`.execute(trx);
  }
  for (const chunk of chunks(buckets.orgs(), 20_000)) {
    await sql`insert into recognition_org_points (period, period_start, organization_id, points)
      select * from unnest(${chunk.map((r) => r.period)}::text[], ${chunk.map((r) => r.start)}::date[],
        ${chunk.map((r) => r.id)}::int[], ${chunk.map((r) => r.points)}::int[])
      on conflict (period, period_start, organization_id) do update set points = recognition_org_points.points + excluded.points`.execute(trx);
  }
}
