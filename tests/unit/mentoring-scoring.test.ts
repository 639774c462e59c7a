import { describe, expect, it } from "vitest";
import {
  DEFAULT_WEIGHTS,
  rankMentors,
  scoreMentor,
  validateWeights,
  type MenteeNeeds,
  type MentorCandidate,
  type ScoringWeights,
} from "../../app/domain/mentoring/scoring";
import { hoursApart, utcOffsetMinutes } from "../../app/domain/mentoring/time-zones";

const AT = new Date("2026-11-24T12:00:00Z");

const needs = (overrides: Partial<MenteeNeeds> = {}): MenteeNeeds => ({
  menteeId: "mentee",
  organizationId: 1,
  topics: ["Cloud migration", "Managed services", "Grant funding", "Security"],
  languages: ["English"],
  languageRequired: false,
  timeZone: "Europe/London",
  segment: "nonprofits",
  ...overrides,
});

const mentor = (overrides: Partial<MentorCandidate> = {}): MentorCandidate => ({
  userId: "mentor-a",
  organizationId: 2,
  accepting: true,
  capacity: 3,
  activeMentees: 0,
  topics: ["Cloud migration", "Managed services", "Grant funding"],
  languages: ["English", "Spanish"],
  timeZone: "Europe/London",
  segments: ["nonprofits"],
  averageRating: null,
  ratingCount: 0,
  ...overrides,
});

function eligible(result: ReturnType<typeof scoreMentor>) {
  if (!result.eligible) throw new Error(`expected an eligible mentor, got ${result.reason}`);
  return result;
}

const part = (result: ReturnType<typeof eligible>, name: string) => result.parts.find((p) => p.part === name);

describe("the breakdown in words", () => {
  it("reads like the issue's example: topics, language, distance, places left", () => {
    const result = eligible(scoreMentor(needs(), mentor({ timeZone: "Africa/Cairo", activeMentees: 2 }), DEFAULT_WEIGHTS, AT));
    expect(result.summary).toContain("topics 3/4");
    expect(result.summary).toContain("same language (English)");
    expect(result.summary).toContain("2 h apart");
    expect(result.summary).toContain("1 of 3 places left");
    expect(result.summary).toContain("knows nonprofits");
    expect(result.summary).toContain("another organization");
  });

  it("names a missing language, missing segment experience and a colleague from one's own organization", () => {
    const result = eligible(
      scoreMentor(needs({ languages: ["German"] }), mentor({ segments: [], organizationId: 1 }), DEFAULT_WEIGHTS, AT),
    );
    expect(result.summary).toContain("no shared language");
    expect(result.summary).toContain("no nonprofits experience listed");
    expect(result.summary).toContain("same organization as you");
  });

  it("shows past feedback as an average with its count", () => {
    const result = eligible(scoreMentor(needs(), mentor({ averageRating: 4.666, ratingCount: 3 }), DEFAULT_WEIGHTS, AT));
    expect(part(result, "feedback")?.words).toBe("rated 4.7/5 by 3 mentees");
  });
});

describe("each part's fit", () => {
  it("counts topic overlap against what the mentee asked for, ignoring case and spacing", () => {
    const result = eligible(scoreMentor(needs({ topics: ["cloud  MIGRATION", "Networking"] }), mentor(), DEFAULT_WEIGHTS, AT));
    expect(part(result, "topics")).toMatchObject({ fit: 0.5, words: "topics 1/2" });
  });

  it("scores time-zone distance down to zero at twelve hours apart", () => {
    const same = eligible(scoreMentor(needs(), mentor(), DEFAULT_WEIGHTS, AT));
    const six = eligible(scoreMentor(needs({ timeZone: "UTC" }), mentor({ timeZone: "America/Chicago" }), DEFAULT_WEIGHTS, AT));
    const far = eligible(scoreMentor(needs({ timeZone: "UTC" }), mentor({ timeZone: "Pacific/Kiritimati" }), DEFAULT_WEIGHTS, AT));
    expect(part(same, "timeZone")).toMatchObject({ fit: 1, words: "same time zone" });
    expect(part(six, "timeZone")).toMatchObject({ fit: 0.5, words: "6 h apart" });
    expect(part(far, "timeZone")?.fit).toBeCloseTo(1 - 10 / 12);
  });

  it("gives the share of places still free, so a busier mentor gets less", () => {
    const idle = eligible(scoreMentor(needs(), mentor({ activeMentees: 0 }), DEFAULT_WEIGHTS, AT));
    const busy = eligible(scoreMentor(needs(), mentor({ activeMentees: 2 }), DEFAULT_WEIGHTS, AT));
    expect(part(idle, "capacity")).toMatchObject({ fit: 1, words: "3 of 3 places left" });
    expect(part(busy, "capacity")?.fit).toBeCloseTo(1 / 3);
    expect(busy.score).toBeLessThan(idle.score);
  });

  it("leaves out what the mentee did not ask for, so it neither helps nor hurts", () => {
    const result = eligible(
      scoreMentor(needs({ topics: [], segment: null, organizationId: null, languages: [] }), mentor(), DEFAULT_WEIGHTS, AT),
    );
    expect(result.parts.map((p) => p.part)).toEqual(["timeZone", "capacity"]);
    expect(result.score).toBe(100);
  });

  it("maps the average rating from 1..5 onto the whole scale", () => {
    const low = eligible(scoreMentor(needs(), mentor({ averageRating: 1, ratingCount: 2 }), DEFAULT_WEIGHTS, AT));
    const high = eligible(scoreMentor(needs(), mentor({ averageRating: 5, ratingCount: 2 }), DEFAULT_WEIGHTS, AT));
    expect(part(low, "feedback")?.fit).toBe(0);
    expect(part(high, "feedback")?.fit).toBe(1);
  });

  it("scores a perfect match 100 and stays within 0..100", () => {
    const perfect = eligible(
      scoreMentor(needs({ topics: ["Cloud migration"] }), mentor({ averageRating: 5, ratingCount: 1 }), DEFAULT_WEIGHTS, AT),
    );
    expect(perfect.score).toBe(100);
    const poor = eligible(
      scoreMentor(
        needs({ topics: ["Networking"], languages: ["German"], timeZone: "Pacific/Auckland" }),
        mentor({ segments: [], organizationId: 1, activeMentees: 2, averageRating: 1, ratingCount: 1, timeZone: "Europe/London" }),
        DEFAULT_WEIGHTS,
        AT,
      ),
    );
    expect(poor.score).toBeGreaterThanOrEqual(0);
    expect(poor.score).toBeLessThan(20);
  });
});

describe("who is not suggested, and why", () => {
  it.each([
    ["self", needs(), mentor({ userId: "mentee" })],
    ["not_accepting", needs(), mentor({ accepting: false })],
    ["full", needs(), mentor({ activeMentees: 3 })],
    ["full", needs(), mentor({ capacity: 0 })],
    ["excluded", needs(), mentor({ excluded: true })],
    ["no_required_language", needs({ languages: ["German"], languageRequired: true }), mentor()],
  ] as const)("refuses %s", (reason, menteeNeeds, candidate) => {
    const result = scoreMentor(menteeNeeds, candidate, DEFAULT_WEIGHTS, AT);
    expect(result).toMatchObject({ eligible: false, reason });
    if (!result.eligible) expect(result.words.length).toBeGreaterThan(5);
  });

  it("keeps a mentor without the language when the language is only preferred", () => {
    expect(scoreMentor(needs({ languages: ["German"] }), mentor(), DEFAULT_WEIGHTS, AT).eligible).toBe(true);
  });

  it("accepts a required language in any case", () => {
    expect(scoreMentor(needs({ languages: ["spanish"], languageRequired: true }), mentor(), DEFAULT_WEIGHTS, AT).eligible).toBe(true);
  });
});

describe("ranking", () => {
  it("puts the better topic match first and drops ineligible mentors", () => {
    const ranked = rankMentors(
      needs(),
      [
        mentor({ userId: "weak", topics: ["Security"] }),
        mentor({ userId: "strong" }),
        mentor({ userId: "closed", accepting: false }),
      ],
      DEFAULT_WEIGHTS,
      AT,
    );
    expect(ranked.map((r) => r.mentor.userId)).toEqual(["strong", "weak"]);
  });

  it("spreads the load: with everything else equal the mentor with more free places comes first", () => {
    const ranked = rankMentors(needs(), [mentor({ userId: "a", activeMentees: 2 }), mentor({ userId: "b", activeMentees: 1 })], DEFAULT_WEIGHTS, AT);
    expect(ranked.map((r) => r.mentor.userId)).toEqual(["b", "a"]);
  });

  it("breaks exact ties by user id, so the order is stable between loads", () => {
    const ranked = rankMentors(needs(), [mentor({ userId: "z" }), mentor({ userId: "m" })], DEFAULT_WEIGHTS, AT);
    expect(ranked.map((r) => r.mentor.userId)).toEqual(["m", "z"]);
  });

  it("follows the admin's weights: with only language weighted, language decides", () => {
    const languageOnly: ScoringWeights = { topics: 0, language: 100, timeZone: 0, capacity: 0, segment: 0, feedback: 0, organization: 0 };
    const candidates = [
      mentor({ userId: "topical", languages: ["French"] }),
      mentor({ userId: "speaker", topics: [], languages: ["English"] }),
    ];
    expect(rankMentors(needs(), candidates, DEFAULT_WEIGHTS, AT)[0].mentor.userId).toBe("topical");
    expect(rankMentors(needs(), candidates, languageOnly, AT)[0].mentor.userId).toBe("speaker");
  });

  it("a zero-weighted part still explains itself but counts for nothing", () => {
    const noTopics = { ...DEFAULT_WEIGHTS, topics: 0 };
    const result = eligible(scoreMentor(needs(), mentor({ topics: [] }), noTopics, AT));
    expect(result.summary).toContain("topics 0/4");
    expect(result.score).toBe(100);
  });
});

describe("time zones at a date", () => {
  it("follows daylight saving: New York and London are 4 h apart in late March, 5 h in January", () => {
    expect(hoursApart("America/New_York", "Europe/London", new Date("2026-03-20T12:00:00Z"))).toBe(4);
    expect(hoursApart("America/New_York", "Europe/London", new Date("2026-01-20T12:00:00Z"))).toBe(5);
  });

  it("handles half-hour zones and the short way round the date line", () => {
    expect(hoursApart("Asia/Kolkata", "UTC", AT)).toBe(5.5);
    expect(hoursApart("Pacific/Auckland", "Pacific/Honolulu", AT)).toBe(1);
  });

  it("answers null for a zone it does not know, and the part is left out", () => {
    expect(utcOffsetMinutes("Mars/Olympus_Mons", AT)).toBeNull();
    const result = eligible(scoreMentor(needs(), mentor({ timeZone: "Mars/Olympus_Mons" }), DEFAULT_WEIGHTS, AT));
    expect(part(result, "timeZone")).toBeUndefined();
  });

  it("shows half hours in the words", () => {
    const result = eligible(scoreMentor(needs({ timeZone: "UTC" }), mentor({ timeZone: "Asia/Kolkata" }), DEFAULT_WEIGHTS, AT));
    expect(part(result, "timeZone")?.words).toBe("5.5 h apart");
  });
});

describe("admin weights", () => {
  it("accepts whole numbers from 0 to 100", () => {
    const result = validateWeights({ ...DEFAULT_WEIGHTS, topics: "50" });
    expect(result).toEqual({ ok: true, weights: { ...DEFAULT_WEIGHTS, topics: 50 } });
  });

  it.each([["-1"], ["101"], ["2.5"], [""], ["lots"]])("refuses %j at its field", (value) => {
    expect(validateWeights({ ...DEFAULT_WEIGHTS, segment: value })).toMatchObject({ ok: false, field: "segment" });
  });

  it("refuses all zeros", () => {
    const zeros = Object.fromEntries(Object.keys(DEFAULT_WEIGHTS).map((key) => [key, 0]));
    expect(validateWeights(zeros)).toMatchObject({ ok: false, message: "At least one weight must be above 0." });
  });
});
