import { describe, expect, it } from "vitest";
import { badgeDefinitions, checkBadgeDefinitions, tiersReached } from "../../app/domain/recognition/badges";
import { LEVELS, levelFor, nextLevel } from "../../app/domain/recognition/levels";
import { dayOf, periodStart } from "../../app/domain/recognition/periods";
import { checkRuleSet, DEFAULT_RULES, versionAt } from "../../app/domain/recognition/rules";

describe("point rules", () => {
  it("default to the product brief", () => {
    const points = Object.fromEntries(Object.entries(DEFAULT_RULES.rules).map(([key, rule]) => [key, rule.points]));
    expect(points).toEqual({
      thread_created: 5,
      reply_posted: 2,
      reaction_received: 5,
      answer_accepted: 15,
      answer_accepted_asker: 2,
      mentoring_session_confirmed: 10,
      mentorship_completed: 50,
      council_proposal_authored: 10,
      council_meeting_attended: 5,
      certification_earned: 20,
      deal_registered: 5,
      event_attended: 5,
    });
    expect(DEFAULT_RULES.rules.reaction_received.dailyCap).toBe(200);
    expect(DEFAULT_RULES.antiGaming).toEqual({ pairDailyLimit: 5, sameOrganizationPercent: 50 });
    expect(checkRuleSet(DEFAULT_RULES).ok).toBe(true);
  });

  it("refuse negative, fractional and absurd values with the field and a message", () => {
    const bad = (path: string[], value: unknown) => {
      const rules = structuredClone(DEFAULT_RULES) as unknown as Record<string, unknown>;
      let node = rules;
      for (const key of path.slice(0, -1)) node = node[key] as Record<string, unknown>;
      node[path.at(-1)!] = value;
      return checkRuleSet(rules);
    };
    expect(bad(["rules", "reply_posted", "points"], -1)).toEqual({ ok: false, problems: [{ field: "rules.reply_posted.points", message: "Points cannot be negative." }] });
    expect(bad(["rules", "reply_posted", "points"], 2.5)).toMatchObject({ ok: false, problems: [{ message: "Points must be a whole number." }] });
    expect(bad(["rules", "answer_accepted", "points"], 5000)).toMatchObject({ ok: false, problems: [{ message: "Points above 1000 are not allowed." }] });
    expect(bad(["rules", "reaction_received", "dailyCap"], 0)).toMatchObject({ ok: false, problems: [{ field: "rules.reaction_received.dailyCap" }] });
    expect(bad(["antiGaming", "sameOrganizationPercent"], 150)).toMatchObject({ ok: false, problems: [{ message: "The same-organization share cannot exceed 100%." }] });
    expect(bad(["antiGaming", "pairDailyLimit"], 0)).toMatchObject({ ok: false, problems: [{ field: "antiGaming.pairDailyLimit" }] });
    expect(bad(["rules", "made_up_rule"], { points: 1, dailyCap: null, enabled: true })).toMatchObject({ ok: false });
    expect(bad(["disabledBadges"], ["kudos", "nothing-like-it"])).toMatchObject({ ok: false, problems: [{ field: "disabledBadges.1" }] });
  });

  it("read a version stored before the external rules and the certified badge with their defaults", () => {
    const stored = structuredClone(DEFAULT_RULES) as unknown as { rules: Record<string, unknown>; badges: Record<string, unknown>; external?: unknown };
    delete stored.rules.certification_earned;
    delete stored.rules.deal_registered;
    delete stored.rules.event_attended;
    delete stored.badges.certified;
    delete stored.external;
    const checked = checkRuleSet(stored);
    expect(checked.ok).toBe(true);
    if (!checked.ok) return;
    expect(checked.rules.rules.certification_earned).toEqual({ points: 20, dailyCap: null, enabled: true });
    expect(checked.rules.external).toEqual({ personDailyCap: 50, keyDailyCap: 2000 });
    expect(checked.rules.badges.certified?.tiers).toEqual({ bronze: 1, silver: 3, gold: 10 });
  });

  it("pick the version in force at a moment", () => {
    const v = (version: number, iso: string) => ({ version, effectiveAt: new Date(iso), rules: DEFAULT_RULES });
    const versions = [v(1, "1970-01-01T00:00:00Z"), v(2, "2026-05-01T00:00:00Z"), v(3, "2026-06-01T00:00:00Z")];
    expect(versionAt(versions, new Date("2026-04-30T23:59:59Z")).version).toBe(1);
    expect(versionAt(versions, new Date("2026-05-01T00:00:00Z")).version).toBe(2);
    expect(versionAt(versions, new Date("2027-01-01T00:00:00Z")).version).toBe(3);
    expect(() => versionAt(versions.slice(1), new Date("2020-01-01T00:00:00Z"))).toThrow(/no recognition rule version/);
  });
});

describe("periods", () => {
  it("bucket by UTC day, ISO week from Monday, month, year and all time", () => {
    const sunday = new Date("2026-11-29T23:30:00Z");
    expect(dayOf(sunday)).toBe("2026-11-29");
    expect(periodStart("week", sunday)).toBe("2026-11-23");
    expect(periodStart("week", new Date("2026-11-23T00:00:00Z"))).toBe("2026-11-23");
    expect(periodStart("month", sunday)).toBe("2026-11-01");
    expect(periodStart("year", sunday)).toBe("2026-01-01");
    expect(periodStart("all", sunday)).toBe("1970-01-01");
    expect(periodStart("week", new Date("2027-01-01T10:00:00Z"))).toBe("2026-12-28");
  });
});

describe("badges", () => {
  it("define at least the badges the issue lists, each counting something the engine counts", () => {
    expect(checkBadgeDefinitions(badgeDefinitions)).toEqual([]);
    const ids = badgeDefinitions.map((b) => b.id);
    for (const id of ["first-post", "first-accepted-answer", "problem-solver", "kudos", "helpful-welcomer", "mentor", "council-contributor", "streak", "community-sector-champion"]) {
      expect(ids).toContain(id);
    }
    expect(badgeDefinitions.find((b) => b.id === "problem-solver")!.tiers).toEqual({ bronze: 10, silver: 50, gold: 200 });
  });

  it("reject a criterion that refers to nothing, duplicate ids and falling thresholds", () => {
    expect(checkBadgeDefinitions([{ id: "x", name: "X", description: "", counter: "likes_given", tiers: { bronze: 1 } }])).toEqual([
      'Badge "x" counts "likes_given", which the engine does not count.',
    ]);
    expect(checkBadgeDefinitions([{ id: "y", name: "Y", description: "", counter: "posts", tiers: { bronze: 5, silver: 3 } }])).toEqual(['Badge "y" needs rising thresholds.']);
    expect(checkBadgeDefinitions([{ id: "z", name: "Z", description: "", counter: "posts", tiers: {} }])).toEqual(['Badge "z" has no tier.']);
  });

  it("reach tiers by count", () => {
    const solver = badgeDefinitions.find((b) => b.id === "problem-solver")!;
    expect(tiersReached(solver, 9)).toEqual([]);
    expect(tiersReached(solver, 50)).toEqual(["bronze", "silver"]);
  });
});

describe("levels", () => {
  const standing = { points: 0, acceptedAnswers: 0, mentorshipsCompleted: 0, daysSinceJoining: 0 };
  it("need more than points", () => {
    expect(levelFor({ ...standing, points: 100_000 }).id).toBe("contributor");
    expect(levelFor({ ...standing, points: 100_000, daysSinceJoining: 400 }).id).toBe("contributor");
    expect(levelFor({ ...standing, points: 200, daysSinceJoining: 20, acceptedAnswers: 3 }).id).toBe("trusted-contributor");
    expect(levelFor({ ...standing, points: 200, daysSinceJoining: 20, mentorshipsCompleted: 1 }).id).toBe("trusted-contributor");
    expect(levelFor({ points: 5000, daysSinceJoining: 365, acceptedAnswers: 60, mentorshipsCompleted: 0 }).id).toBe("champion");
  });
  it("form one ladder", () => {
    expect(LEVELS.map((l) => l.rank)).toEqual([0, 1, 2, 3, 4]);
    expect(nextLevel(LEVELS[4]!)).toBeNull();
    expect(nextLevel(LEVELS[0]!)!.id).toBe("contributor");
  });
});
