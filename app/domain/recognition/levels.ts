/**
 * The ladder. Each step needs points AND something points cannot buy: accepted answers or
 * mentorships, and time since joining. Pure: shown on profiles and evaluated by the engine.
 */
export interface LevelStanding {
  points: number;
  acceptedAnswers: number;
  mentorshipsCompleted: number;
  daysSinceJoining: number;
}

export interface Level {
  id: string;
  name: string;
  rank: number;
  minPoints: number;
  minDays: number;
  /** Accepted answers OR mentorships: helping, in either of its forms. */
  minAcceptedAnswers: number;
  minMentorships: number;
}

export const LEVELS: readonly Level[] = [
  { id: "newcomer", name: "Newcomer", rank: 0, minPoints: 0, minDays: 0, minAcceptedAnswers: 0, minMentorships: 0 },
  { id: "contributor", name: "Contributor", rank: 1, minPoints: 25, minDays: 0, minAcceptedAnswers: 0, minMentorships: 0 },
  { id: "trusted-contributor", name: "Trusted Contributor", rank: 2, minPoints: 150, minDays: 14, minAcceptedAnswers: 3, minMentorships: 1 },
  { id: "community-leader", name: "Community Leader", rank: 3, minPoints: 600, minDays: 45, minAcceptedAnswers: 15, minMentorships: 3 },
  { id: "champion", name: "Champion", rank: 4, minPoints: 2000, minDays: 120, minAcceptedAnswers: 50, minMentorships: 8 },
];

export function meets(level: Level, standing: LevelStanding) {
  const helped = standing.acceptedAnswers >= level.minAcceptedAnswers || standing.mentorshipsCompleted >= level.minMentorships;
  return standing.points >= level.minPoints && standing.daysSinceJoining >= level.minDays && helped;
}

/** The highest level whose every step below it is met too. */
export function levelFor(standing: LevelStanding, levels: readonly Level[] = LEVELS): Level {
  let reached = levels[0]!;
  for (const level of levels.slice(1)) {
    if (!meets(level, standing)) break;
    reached = level;
  }
  return reached;
}

export const levelById = (id: string) => LEVELS.find((level) => level.id === id) ?? LEVELS[0]!;

export function nextLevel(current: Level, levels: readonly Level[] = LEVELS): Level | null {
  return levels.find((level) => level.rank === current.rank + 1) ?? null;
}
