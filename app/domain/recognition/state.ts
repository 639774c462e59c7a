import type { BadgeTier } from "../../../db/schema-parts/recognition";

/**
 * The engine's working state, in memory. The database engine loads the part a batch of events
 * touches, the evaluator changes it, and the store writes back what is dirty. Tests use a
 * whole in-memory state as the model of the engine.
 */
export interface Profile {
  userId: string;
  organizationId: number | null;
  vendorStaff: boolean;
  joinedAt: Date;
  points: number;
  level: string;
  levelRank: number;
  levelChangedAt: Date | null;
}

export interface LedgerEntry {
  eventId: number;
  rule: string;
  ruleVersion: number | null;
  userId: string;
  organizationId: number | null;
  points: number;
  reversesEventId: number | null;
  reversesRule: string | null;
  actorId: string | null;
  threadId: string | null;
  postId: string | null;
  categoryId: number | null;
  councilId: string | null;
  subjectType: string | null;
  subjectId: string | null;
  note: string | null;
  occurredAt: Date;
}

export interface Grant {
  userId: string;
  badge: string;
  tier: BadgeTier | null;
  reason: string;
  eventId: number;
  awardId: number | null;
  awardedBy: string | null;
  grantedAt: Date;
  revokedAt: Date | null;
  revokedEventId: number | null;
}

export interface LevelChange {
  userId: string;
  eventId: number;
  fromLevel: string;
  toLevel: string;
  occurredAt: Date;
}

export interface ReactionState {
  authorId: string;
  kinds: string[];
  /** Whether a reaction from this person to this post was ever counted (credit, kudos). */
  counted: boolean;
}

export interface ThreadState {
  authorId: string;
  newcomerFirst: boolean;
  welcomed: boolean;
}

export const creditKey = (eventId: number, rule: string, userId: string) => `${eventId}|${rule}|${userId}`;
export const grantKey = (userId: string, badge: string, tier: BadgeTier | null) => `${userId}|${badge}|${tier ?? ""}`;
export const counterKey = (userId: string, metric: string) => `${userId}|${metric}`;
export const dailyKey = (userId: string, day: string, key: string) => `${userId}|${day}|${key}`;
export const reactionKey = (postId: string, reactorId: string) => `${postId}|${reactorId}`;
/** The daily-counter "recipient" of an API key: its external points per day share recognition_daily. */
export const externalKeyBucket = (apiKeyId: number) => `api-key:${apiKeyId}`;
/**
 * Daily counters under this prefix (reactions from one person to one author) are loaded by
 * exact key, the ones a batch's reactions name (store.server.ts keysOf); any other daily key
 * is loaded for every person and day a batch touches.
 */
export const PAIR_PREFIX = "pair:";
export const pairKey = (reactorId: string) => `${PAIR_PREFIX}${reactorId}`;

export class EngineState {
  readonly profiles = new Map<string, Profile>();
  readonly counters = new Map<string, number>();
  readonly daily = new Map<string, number>();
  readonly reactions = new Map<string, ReactionState>();
  readonly threads = new Map<string, ThreadState>();
  /** Credits not yet reversed, by creditKey; change them through openCredit/closeCredit. */
  readonly openCredits = new Map<string, LedgerEntry>();
  /** The same credits by post and by subject ("type|id"), so reversals need not scan them all. */
  private readonly creditsByPost = new Map<string, Set<string>>();
  private readonly creditsBySubject = new Map<string, Set<string>>();
  readonly grants = new Map<string, Grant>();
  /** Community-sector flag per category (read from categories, see decision 011). */
  readonly sectorCategories = new Map<number, boolean>();

  readonly dirty = {
    profiles: new Set<string>(),
    counters: new Set<string>(),
    daily: new Set<string>(),
    reactions: new Set<string>(),
    threads: new Set<string>(),
  };

  setProfile(profile: Profile) {
    this.profiles.set(profile.userId, profile);
    this.dirty.profiles.add(profile.userId);
  }
  /**
   * The same counters by person, then metric: badges and levels read about a dozen per person
   * per event, and building a "user|metric" key string for each read was the engine's hottest
   * function (and much of its garbage). `counters` stays the keyed view the store writes from.
   */
  private readonly countersByUser = new Map<string, Map<string, number>>();

  counter(userId: string, metric: string) {
    return this.countersByUser.get(userId)?.get(metric) ?? 0;
  }
  /** A counter as stored (no change to write back). */
  loadCounter(userId: string, metric: string, value: number) {
    this.counters.set(counterKey(userId, metric), value);
    let metrics = this.countersByUser.get(userId);
    if (!metrics) this.countersByUser.set(userId, (metrics = new Map()));
    metrics.set(metric, value);
  }
  setCounter(userId: string, metric: string, value: number) {
    this.loadCounter(userId, metric, value);
    this.dirty.counters.add(counterKey(userId, metric));
  }
  addCounter(userId: string, metric: string, delta: number) {
    this.setCounter(userId, metric, this.counter(userId, metric) + delta);
  }
  dailyValue(userId: string, day: string, key: string) {
    return this.daily.get(dailyKey(userId, day, key)) ?? 0;
  }
  setDaily(userId: string, day: string, key: string, value: number) {
    const k = dailyKey(userId, day, key);
    this.daily.set(k, value);
    this.dirty.daily.add(k);
  }
  setReaction(postId: string, reactorId: string, state: ReactionState) {
    const key = reactionKey(postId, reactorId);
    this.reactions.set(key, state);
    this.dirty.reactions.add(key);
  }
  setThread(threadId: string, state: ThreadState) {
    this.threads.set(threadId, state);
    this.dirty.threads.add(threadId);
  }
  openCredit(entry: LedgerEntry) {
    const key = creditKey(entry.eventId, entry.rule, entry.userId);
    this.openCredits.set(key, entry);
    if (entry.postId !== null) addTo(this.creditsByPost, entry.postId, key);
    if (entry.subjectType !== null) addTo(this.creditsBySubject, `${entry.subjectType}|${entry.subjectId}`, key);
  }
  closeCredit(entry: LedgerEntry) {
    const key = creditKey(entry.eventId, entry.rule, entry.userId);
    this.openCredits.delete(key);
    if (entry.postId !== null) this.creditsByPost.get(entry.postId)?.delete(key);
    if (entry.subjectType !== null) this.creditsBySubject.get(`${entry.subjectType}|${entry.subjectId}`)?.delete(key);
  }
  /** Open credits on a post (or of a subject) matching `match`, in the order they were earned. */
  creditsFor(where: { postId: string } | { subjectType: string; subjectId: string }, match: (entry: LedgerEntry) => boolean = () => true) {
    const keys = "postId" in where ? this.creditsByPost.get(where.postId) : this.creditsBySubject.get(`${where.subjectType}|${where.subjectId}`);
    return [...(keys ?? [])]
      .map((key) => this.openCredits.get(key)!)
      .filter(match)
      .sort((a, b) => a.eventId - b.eventId || a.rule.localeCompare(b.rule) || a.userId.localeCompare(b.userId));
  }
}

function addTo(index: Map<string, Set<string>>, key: string, value: string) {
  const set = index.get(key) ?? new Set<string>();
  set.add(value);
  index.set(key, set);
}
