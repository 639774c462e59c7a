import type { SeedProfile } from "./types";

/** The vendor's channel team: no organization. The first one is the admin who sets everything up. */
export interface SeedStaffPerson extends SeedProfile {
  role: "admin" | "moderator";
}

export const vendorStaff: SeedStaffPerson[] = [
  {
    role: "admin",
    name: "Laura Castellanos",
    email: "laura.castellanos@vendor.example",
    title: "Head of partner community",
    bio: "Runs the partner community program: forum, recognition and the advisory council. Tell me what would make this place more useful.",
    timeZone: "America/Los_Angeles",
    languages: ["English", "Spanish"],
    expertise: ["Partner programs", "Community management"],
    region: "North America",
  },
  {
    role: "moderator",
    name: "Kenji Watanabe",
    email: "kenji.watanabe@vendor.example",
    title: "Community moderator, APAC",
    bio: "Keeps the APAC forum categories tidy and answers program questions in Japanese and English.",
    timeZone: "Asia/Tokyo",
    languages: ["Japanese", "English"],
    expertise: ["Community management", "Partner programs"],
    region: "APAC",
  },
];

/** People who signed up and asked to join an organization that has not answered yet. */
export interface SeedApplicant extends SeedProfile {
  requestsToJoin: string;
  message: string;
}

export const applicants: SeedApplicant[] = [
  {
    requestsToJoin: "commonwealth",
    message: "Hi Priya, I started on the Dublin team on Monday (Siobhán's project). Could you add me?",
    name: "Declan Byrne",
    email: "declan.byrne@commonwealth-impact.example",
    title: "Junior implementation consultant",
    bio: "Just joined Commonwealth Impact Partners after volunteering at a food bank charity for three years.",
    timeZone: "Europe/Dublin",
    languages: ["English", "Irish"],
    expertise: ["Nonprofits", "Volunteer management"],
    region: "EMEA",
  },
  {
    requestsToJoin: "northwind",
    message: "Joining the Denver office as a solutions architect next week; my manager is Diego's team lead.",
    name: "Fatima Zahra Benali",
    email: "fatima.benali@northwind-cloud.example",
    title: "Solutions architect",
    bio: "Moving from a hosting provider to Northwind. Kubernetes and cost governance.",
    timeZone: "America/Denver",
    languages: ["English", "French", "Arabic"],
    expertise: ["Cloud migration", "Kubernetes", "Cost optimization"],
    region: "North America",
  },
];
