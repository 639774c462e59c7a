import type { Alias } from "../forum/cast";

/** Who mentors in the demo, with how many places and which segments they know. */
export const demoMentors: { alias: Alias; capacity: number; pitch: string; segments: string[] }[] = [
  {
    alias: "rosa",
    capacity: 3,
    pitch: "First cloud migration or managed-services practice? I have made the mistakes so you don't have to. English or Spanish.",
    segments: ["nonprofits", "community foundations", "local government"],
  },
  {
    alias: "denise",
    capacity: 2,
    pitch: "Twenty years selling to city halls and civic groups: procurement, RFPs and keeping projects inside grant rules.",
    segments: ["local government", "civic associations"],
  },
  { alias: "katrin", capacity: 2, pitch: "Data platforms and analytics practices, from first workshop to managed service.", segments: ["education"] },
  { alias: "rohan", capacity: 3, pitch: "Scaling a delivery team across time zones without burning people out.", segments: ["small and mid-sized businesses"] },
  { alias: "valentina", capacity: 2, pitch: "Partner growth in Latin America; happy to mentor in Spanish or English.", segments: ["nonprofits", "education"] },
];

export interface DemoMentorship {
  mentor: Alias;
  mentee: Alias;
  message: string;
  goals: string;
  /** Days before now. */
  requestedDaysAgo: number;
  acceptedDaysAgo?: number;
  /** Sessions, days before now; `pending` ones wait for the mentor's confirmation. */
  sessions?: { daysAgo: number; minutes: number; summary: string; pending?: boolean }[];
  end?: { daysAgo: number; reason: "completed" | "not_a_good_fit" | "other"; menteeRating: number; mentorRating: number; comment: string };
}

export const demoMentorships: DemoMentorship[] = [
  {
    mentor: "rosa",
    mentee: "jordan",
    message: "Hi Rosa, I'm six months in and scoping our first migration for a food bank. Could you help?",
    goals: "Scope and price our first cloud migration for a nonprofit customer.",
    requestedDaysAgo: 30,
    acceptedDaysAgo: 29,
    sessions: [
      { daysAgo: 25, minutes: 60, summary: "Discovery checklist and how to price the assessment." },
      { daysAgo: 11, minutes: 45, summary: "Reviewed the draft statement of work." },
    ],
  },
  {
    mentor: "rosa",
    mentee: "olivia",
    message: "We want to add managed services next year. Would you mentor me through the plan?",
    goals: "A managed-services offer with SLAs we can keep.",
    requestedDaysAgo: 120,
    acceptedDaysAgo: 118,
    sessions: [
      { daysAgo: 110, minutes: 60, summary: "What to include in the first offer." },
      { daysAgo: 90, minutes: 60, summary: "SLA tiers and staffing." },
      { daysAgo: 70, minutes: 30, summary: "Launch review." },
    ],
    end: { daysAgo: 60, reason: "completed", menteeRating: 5, mentorRating: 5, comment: "Clear, practical and generous with her time." },
  },
  {
    mentor: "denise",
    mentee: "luis",
    message: "Could you walk me through our first city RFP?",
    goals: "Submit a compliant response to a local-government RFP.",
    requestedDaysAgo: 80,
    acceptedDaysAgo: 79,
    sessions: [{ daysAgo: 70, minutes: 90, summary: "Read the RFP together and built the compliance matrix." }],
    end: { daysAgo: 50, reason: "completed", menteeRating: 4, mentorRating: 5, comment: "Exactly the help I needed." },
  },
  {
    mentor: "valentina",
    mentee: "mateo",
    message: "¿Me ayudas a preparar nuestro plan de crecimiento con socios?",
    goals: "A partner growth plan for next year.",
    requestedDaysAgo: 20,
    acceptedDaysAgo: 19,
    sessions: [{ daysAgo: 3, minutes: 50, summary: "First pass at the plan.", pending: true }],
  },
  {
    mentor: "rosa",
    mentee: "grace",
    message: "I'm leading our first grant-funded project and would love a mentor who has done it before.",
    goals: "Deliver a grant-funded project on time and within the grant's rules.",
    requestedDaysAgo: 2,
  },
];
