import type { Role } from "../../schema";
import type { SeedProfile } from "./people";

/**
 * The accounts the README and the end-to-end tests log in with. This file imports no runtime
 * code, so a Playwright spec can read it without opening a database.
 */
export const DEMO_PASSWORD = "demo-password-1";

export type DemoAccountKey = "member" | "mentor" | "council" | "moderator" | "partneradmin" | "admin";

export interface DemoAccount {
  key: DemoAccountKey;
  email: string;
  password: string;
  role: Role;
  /** What the account stands for; mentor and council are plain members until those features land. */
  label: string;
  tryThis: string;
}

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  {
    key: "member",
    email: "member@demo.partners.test",
    password: DEMO_PASSWORD,
    role: "member",
    label: "Partner member",
    tryThis: "Post a question in the forum, react to answers, find peers in the directory.",
  },
  {
    key: "mentor",
    email: "mentor@demo.partners.test",
    password: DEMO_PASSWORD,
    role: "member",
    label: "Mentor",
    tryThis: "An experienced member with expertise and a mentoring bio; gets a mentor profile with the mentoring feature.",
  },
  {
    key: "council",
    email: "council@demo.partners.test",
    password: DEMO_PASSWORD,
    role: "member",
    label: "Council member",
    tryThis: "Chairs the Partner Advisory Council: private threads, meetings with agenda and minutes, proposals and votes (Councils in the header).",
  },
  {
    key: "moderator",
    email: "moderator@demo.partners.test",
    password: DEMO_PASSWORD,
    role: "moderator",
    label: "Moderator (vendor staff)",
    tryThis: "Work the review queue: hide, lock or move posts, suspend, and award recognition by hand.",
  },
  {
    key: "partneradmin",
    email: "partneradmin@demo.partners.test",
    password: DEMO_PASSWORD,
    role: "partner_admin",
    label: "Partner admin (Commonwealth Impact Partners)",
    tryThis: "Approve or decline Declan Byrne's pending join request, and invite a colleague.",
  },
  {
    key: "admin",
    email: "admin@demo.partners.test",
    password: DEMO_PASSWORD,
    role: "admin",
    label: "Admin (vendor channel team)",
    tryThis: "Manage organizations and roles, and read the audit log.",
  },
];

/** Who each demo account is: `organization` is a seed organization key, null for vendor staff. */
export const demoProfiles: Record<DemoAccountKey, Omit<SeedProfile, "email"> & { organization: string | null }> = {
  member: {
    organization: "mapleandpine",
    name: "Jordan Avery",
    title: "Solutions consultant",
    bio: "Six months into the partner program. Here to learn how other partners scope CRM projects and win their first deals.",
    timeZone: "America/Toronto",
    languages: ["English", "French"],
    expertise: ["CRM implementation", "Professional services"],
    region: "North America",
  },
  mentor: {
    organization: "northwind",
    name: "Rosa Martínez",
    title: "Principal consultant",
    bio: "I mentor partners building their first cloud migration or managed-services practice, in English or Spanish. Twelve years of migrations, including plenty of mistakes worth sharing.",
    timeZone: "America/New_York",
    languages: ["English", "Spanish"],
    expertise: ["Cloud migration", "Managed services", "Practice building", "Community-sector projects"],
    region: "North America",
  },
  council: {
    organization: "bluefjord",
    name: "Ingrid Solberg",
    title: "Chief commercial officer",
    bio: "Speaks for the Nordic partners on the vendor's partner advisory council. Tell me what the program should change.",
    timeZone: "Europe/Oslo",
    languages: ["Norwegian", "English", "German"],
    expertise: ["Partner programs", "Co-selling", "Data & analytics"],
    region: "EMEA",
  },
  moderator: {
    organization: null,
    name: "Noah Fischer",
    title: "Community moderator",
    bio: "Vendor community team. I keep the forum friendly and useful, and hand out kudos for great answers.",
    timeZone: "Europe/Berlin",
    languages: ["German", "English"],
    expertise: ["Community management"],
    region: "EMEA",
  },
  partneradmin: {
    organization: "commonwealth",
    name: "Priya Natarajan",
    title: "Partner operations manager",
    bio: "Looks after our partner program admin: certifications, deal registration and onboarding new colleagues.",
    timeZone: "Europe/London",
    languages: ["English", "Tamil", "Hindi"],
    expertise: ["Partner operations", "Nonprofits"],
    region: "EMEA",
  },
  admin: {
    organization: null,
    name: "Hannah Brooks",
    title: "Channel program manager",
    bio: "Vendor channel team: organizations, roles, point rules and the engagement reports.",
    timeZone: "America/Los_Angeles",
    languages: ["English"],
    expertise: ["Partner programs", "Analytics"],
    region: "North America",
  },
};
