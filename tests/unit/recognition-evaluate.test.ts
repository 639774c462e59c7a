import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { DispatchedEvent } from "../../app/domain/events/catalogue";
import { earns, evaluate, type Effects } from "../../app/domain/recognition/evaluate";
import { DEFAULT_RULES, versionAt, type RuleVersion } from "../../app/domain/recognition/rules";
import { dayOf } from "../../app/domain/recognition/periods";
import { EngineState, type LedgerEntry } from "../../app/domain/recognition/state";
import { asDispatched, historyArb, interpret, CAST } from "../support/recognition-model";

const people = Array.from({ length: CAST }, (_, i) => `p${i}`);
const orgs = [1, 2, 3];
// p0, p1 in org 1; p2, p3 in org 2; p4 in org 3; p5 unaffiliated; p6 vendor staff.
const homes: Array<number | null> = [1, 1, 2, 2, 3, null, null];
const start = new Date(Date.UTC(2026, 0, 5, 8));

function signups(): DispatchedEvent[] {
  return people.map(
    (userId, i) =>
      ({
        id: i + 1,
        txid: String(i + 1),
        type: "user.signed_up",
        payload: { userId, organizationId: homes[i]!, ...(i === 6 ? { isVendorStaff: true } : {}) },
        actorId: userId,
        occurredAt: new Date(start.getTime() - 86_400_000),
      }) as DispatchedEvent,
  );
}

interface Run {
  effects: Effects[];
  state: EngineState;
  /** Who earned, per event, as the engine knew them just before it. */
  earnedBefore: Array<Map<string, boolean>>;
  events: DispatchedEvent[];
  versions: RuleVersion[];
}

/** Runs a history through the evaluator; `roundTrip(i)` says whether to reload the state before event i. */
function run(commands: Parameters<typeof interpret>[0], roundTrip: (i: number) => boolean = () => false): Run {
  const steps = asDispatched(interpret(commands, { people, orgs, prefix: "x", start, categories: [1, 2] }), 100);
  const versions: RuleVersion[] = [{ version: 1, effectiveAt: new Date(0), rules: DEFAULT_RULES }];
  let state = new EngineState();
  state.sectorCategories.set(2, true);
  state.sectorCategories.set(1, false);
  const effects: Effects[] = [];
  const earnedBefore: Run["earnedBefore"] = [];
  const events: DispatchedEvent[] = [];
  for (const [i, step] of [...signups(), ...steps].entries()) {
    if ("kind" in step) {
      versions.push({ version: versions.length + 1, effectiveAt: step.at, rules: step.rules });
      continue;
    }
    if (roundTrip(i)) state = reload(state);
    earnedBefore.push(new Map(people.map((p) => [p, earns(state.profiles.get(p))])));
    events.push(step);
    effects.push(evaluate(state, step, versionAt(versions, step.occurredAt)));
  }
  return { effects, state, earnedBefore, events, versions };
}

/** What a save and a load keep (the store persists exactly these maps). */
function reload(state: EngineState): EngineState {
  const copy = new EngineState();
  for (const entry of state.openCredits.values()) copy.openCredit(structuredClone(entry));
  // Counters load as the store loads them (loadCounter keeps the by-person view in step).
  for (const [key, value] of state.counters) {
    const [userId, metric] = key.split("|");
    copy.loadCounter(userId!, metric!, value);
  }
  for (const name of ["profiles", "daily", "reactions", "threads", "grants", "sectorCategories"] as const) {
    for (const [key, value] of state[name] as Map<unknown, unknown>) {
      (copy[name] as Map<unknown, unknown>).set(key, structuredClone(value));
    }
  }
  return copy;
}

/** The reaction caps in force at any moment of a UTC day. */
function capsDuring(versions: RuleVersion[], day: string) {
  const dayStart = new Date(`${day}T00:00:00Z`);
  const dayEnd = dayStart.getTime() + 86_400_000;
  const inForce = [versionAt(versions, dayStart), ...versions.filter((v) => v.effectiveAt > dayStart && v.effectiveAt.getTime() < dayEnd)];
  return new Set(inForce.map((v) => v.rules.rules.reaction_received.dailyCap));
}

const credits = (ledger: LedgerEntry[]) => ledger.filter((entry) => entry.reversesEventId === null);

describe("the evaluator over random histories", () => {
  it("keeps totals equal to the ledger and reverses each credit at most once, after it was earned", () => {
    fc.assert(
      fc.property(historyArb(80), (commands) => {
        const { effects, state } = run(commands);
        const ledger = effects.flatMap((e) => e.ledger);
        const totals = new Map<string, number>();
        for (const entry of ledger) totals.set(entry.userId, (totals.get(entry.userId) ?? 0) + entry.points);
        for (const p of people) expect(state.profiles.get(p)?.points ?? 0).toBe(totals.get(p) ?? 0);

        const seen = new Set<string>();
        const reversed = new Set<string>();
        for (const entry of ledger) {
          if (entry.reversesEventId === null) {
            const key = `${entry.eventId}|${entry.rule}|${entry.userId}`;
            expect(seen.has(key)).toBe(false);
            seen.add(key);
          } else {
            const original = `${entry.reversesEventId}|${entry.reversesRule}|${entry.userId}`;
            expect(seen.has(original)).toBe(true);
            expect(reversed.has(original)).toBe(false);
            reversed.add(original);
          }
        }
      }),
      { numRuns: 1500 },
    );
  });

  it("never pays someone who may not earn, never for self-reactions, and respects caps and pair limits", () => {
    fc.assert(
      fc.property(historyArb(80), (commands) => {
        const { effects, earnedBefore, events, versions } = run(commands);
        const perDayRule = new Map<string, number>();
        const perPair = new Map<string, number>();
        const perPostReactor = new Map<string, number>();
        effects.forEach((effect, i) => {
          const event = events[i]!;
          const rules = versionAt(versions, event.occurredAt).rules;
          for (const entry of credits(effect.ledger)) {
            expect(earnedBefore[i]!.get(entry.userId)).toBe(true);
            expect(entry.points).not.toBe(0);
            if (entry.rule !== "reaction_received") continue;
            expect(entry.actorId).not.toBe(entry.userId);
            const day = dayOf(entry.occurredAt);
            const cap = rules.rules.reaction_received.dailyCap;
            const used = (perDayRule.get(`${entry.userId}|${day}`) ?? 0) + entry.points;
            perDayRule.set(`${entry.userId}|${day}`, used);
            if (cap !== null) expect(entry.points).toBeLessThanOrEqual(cap);
            // A cap changed during the day may already have been passed under the old one.
            const caps = capsDuring(versions, day);
            if (caps.size === 1 && cap !== null) expect(used).toBeLessThanOrEqual(cap);
            const pair = (perPair.get(`${entry.userId}|${entry.actorId}|${day}`) ?? 0) + 1;
            perPair.set(`${entry.userId}|${entry.actorId}|${day}`, pair);
            expect(pair).toBeLessThanOrEqual(Math.max(...versions.map((v) => v.rules.antiGaming.pairDailyLimit)));
            const once = (perPostReactor.get(`${entry.postId}|${entry.actorId}`) ?? 0) + 1;
            perPostReactor.set(`${entry.postId}|${entry.actorId}`, once);
            expect(once).toBe(1);
          }
        });
      }),
      { numRuns: 1500 },
    );
  });

  it("credits one reaction per person and post, however often they react", () => {
    const commands = [
      { kind: "thread" as const, author: 2 },
      ...Array.from({ length: 60 }, (_, i) => ({ kind: "react" as const, reactor: i % 2 === 0 ? 0 : 4, post: 0, reaction: "like" as const })),
    ];
    // Only two distinct reactors: the per-pair limit, not the cap, is what stops them here.
    const { state } = run(commands);
    expect(state.profiles.get("p2")!.points).toBe(5 + 5 + 5);
  });

  it("gives the same effects whether the state stays in memory or is saved and loaded between events", () => {
    fc.assert(
      fc.property(historyArb(60), fc.func(fc.boolean()), (commands, split) => {
        const whole = run(commands);
        const pieces = run(commands, (i) => split(i));
        expect(pieces.effects).toEqual(whole.effects);
      }),
      { numRuns: 1000 },
    );
  });

  it("refuses an event type outside the catalogue", () => {
    const state = new EngineState();
    const bogus = { id: 1, txid: "1", type: "forum.bogus", payload: {}, actorId: null, occurredAt: start } as unknown as DispatchedEvent;
    expect(() => evaluate(state, bogus, { version: 1, effectiveAt: new Date(0), rules: DEFAULT_RULES })).toThrow(/unknown event type/);
  });
});
