import type { Kysely, Transaction } from "kysely";
import type { DB } from "../../../db/schema";
import { isEventType, type DispatchedEvent, type DomainEvent } from "../events/catalogue";
import { appendEvents } from "../events/outbox.server";
import type { Subscriber } from "../events/subscriber.server";
import { badgeNameIn } from "./definitions";
import { emptyEffects, evaluate, rankOf, recognitionEventTypes, type Effects } from "./evaluate";
import { levelById } from "./levels";
import { loadRuleVersions } from "./rules.server";
import { ruleLabels, versionAt, type RuleVersion } from "./rules";
import { notifyRecognition, type RecognitionNotice } from "./notices.server";
import { claimEvents, loadState, saveState } from "./store.server";
import type { EngineState } from "./state";

type Db = Kysely<DB> | Transaction<DB>;

export interface ApplyOptions {
  /**
   * Live processing tells people (notifications, `recognition.*` outbox events for toasts);
   * a replay only rebuilds state and must not announce old news again.
   */
  live: boolean;
}

/**
 * Applies events, in the order given (the dispatcher's), inside the caller's transaction.
 * Events already applied are skipped, so a redelivery changes nothing.
 */
export async function applyEvents(trx: Db, events: readonly DispatchedEvent[], options: ApplyOptions): Promise<Applied> {
  for (const event of events) {
    if (!isEventType(event.type)) throw new Error(`unknown event type ${String(event.type)}`);
  }
  const relevant = events.filter((event) => recognitionEventTypes.has(event.type));
  if (relevant.length === 0) return { ...emptyEffects(), announced: [] };
  const claimed = await claimEvents(trx, relevant.map((event) => event.id));
  const fresh = relevant.filter((event) => claimed.has(event.id));
  if (fresh.length === 0) return { ...emptyEffects(), announced: [] };

  const versions = await loadRuleVersions(trx);
  const state = await loadState(trx, fresh, { lock: options.live });
  const all = emptyEffects();
  const announcements: Announcements = { events: [], notices: [] };
  for (const event of fresh) {
    const version = versionAt(versions, event.occurredAt);
    const effects = evaluate(state, event, version);
    all.ledger.push(...effects.ledger);
    all.grants.push(...effects.grants);
    all.revokedGrants.push(...effects.revokedGrants);
    all.levelChanges.push(...effects.levelChanges);
    if (options.live) collectAnnouncements(announcements, state, event, effects, version);
  }
  const profileVersions = await saveState(trx, state, all);
  // Written once per batch, in event order: the same rows one-by-one processing writes.
  await notifyRecognition(trx, announcements.notices);
  // Toasts only feed socket fan-out: written already dispatched and handed to the dispatcher's
  // afterCommit with this batch, instead of being selected and acknowledged by a later batch.
  const announced = await appendEvents(trx, withProfileVersions(announcements.events, profileVersions), { dispatched: true });
  return { ...all, announced };
}

/** The effects, and the toast events written for the dispatcher's afterCommit (live only). */
export type Applied = Effects & { announced: DispatchedEvent[] };

type Announcements = { events: Array<DomainEvent & { occurredAt: Date }>; notices: RecognitionNotice[] };

/**
 * A points toast carries the version its person's profile was saved with: a header that has
 * shown it keeps its total over a page load that read the profile before this batch committed.
 * Every toast of one batch has the batch's version; they arrive in order, so the last one wins.
 */
function withProfileVersions(events: Announcements["events"], versions: ReadonlyMap<string, number>) {
  return events.map((event) =>
    event.type === "recognition.points_changed" ? { ...event, payload: { ...event.payload, version: versions.get(event.payload.userId) ?? 0 } } : event,
  );
}

/** Outbox events that socket fan-out turns into toasts in the recipient's `user:<id>` room. */
function collectAnnouncements(out: Announcements, state: EngineState, event: DispatchedEvent, effects: Effects, version: RuleVersion) {
  const deltas = new Map<string, { delta: number; rule: string }>();
  for (const entry of effects.ledger) {
    const current = deltas.get(entry.userId) ?? { delta: 0, rule: entry.rule === "reversal" ? (entry.reversesRule ?? entry.rule) : entry.rule };
    current.delta += entry.points;
    deltas.set(entry.userId, current);
  }
  for (const [userId, { delta, rule }] of deltas) {
    if (delta === 0) continue;
    // The total after this event: later events of the batch change the profile again.
    const total = state.profiles.get(userId)?.points ?? 0;
    const label = ruleLabels[rule as keyof typeof ruleLabels] ?? rule;
    out.events.push({
      type: "recognition.points_changed",
      actorId: null,
      occurredAt: event.occurredAt,
      payload: { userId, delta, total, reason: delta < 0 ? `${label} (reversed)` : label },
    });
  }
  for (const grant of effects.grants) {
    out.events.push({
      type: "recognition.badge_granted",
      actorId: grant.awardedBy,
      occurredAt: event.occurredAt,
      // The name, manual badges included: a toast never shows a key like "helpful-mentor".
      payload: { userId: grant.userId, badge: badgeNameIn(version.rules, grant.badge), tier: grant.tier },
    });
  }
  const levelUps = effects.levelChanges.filter((change) => rankOf(change.toLevel) > rankOf(change.fromLevel));
  const badgeNames = Object.fromEntries(effects.grants.map((grant) => [grant.badge, badgeNameIn(version.rules, grant.badge)]));
  out.notices.push({ eventId: event.id, grants: effects.grants, levelUps, badgeNames });
  for (const change of levelUps) {
    out.events.push({
      type: "recognition.level_changed",
      actorId: null,
      occurredAt: event.occurredAt,
      payload: { userId: change.userId, level: levelById(change.toLevel).name },
    });
  }
}

/** The dispatcher subscriber: effects in the dispatcher's transaction, committed with the ack. */
export function recognitionSubscriber(): Subscriber {
  return {
    name: "recognition",
    async handle(trx, event) {
      return { announced: (await applyEvents(trx, [event], { live: true })).announced };
    },
    async handleBatch(trx, events) {
      return { announced: (await applyEvents(trx, events, { live: true })).announced };
    },
  };
}
