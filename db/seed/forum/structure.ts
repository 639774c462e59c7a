import type { NewCategory } from "../../../app/domain/forum/categories.server";

export type CategoryKey =
  | "getting-started"
  | "implementation"
  | "sales"
  | "licensing"
  | "managed-services"
  | "community-sector"
  | "lounge"
  | "moderators";

type SeedCategory = NewCategory & { key: CategoryKey };

/** In the order the forum lists them. */
const list: SeedCategory[] = [
  {
    key: "getting-started",
    name: "Getting started",
    description: "New to the partner program? Onboarding, certifications, demo environments and where to find things.",
    color: "#1c5fbf",
  },
  {
    key: "implementation",
    name: "Implementation & migration",
    description: "Landing zones, data and workload migrations, identity, integrations: the delivery side, with config and code.",
    color: "#0f7b6c",
  },
  {
    key: "sales",
    name: "Sales & co-selling",
    description: "Deal registration, working with the vendor's field team, marketplace offers and joint business plans.",
    color: "#b5581c",
  },
  {
    key: "licensing",
    name: "Licensing & pricing",
    description: "Editions, seat minimums, co-terming, renewals, discount bands and how to explain them to customers.",
    color: "#7a4fb8",
  },
  {
    key: "managed-services",
    name: "Managed services & support",
    description: "Running customers after go-live: monitoring, escalations to vendor support, SLAs and service desks.",
    color: "#3d6b2f",
  },
  {
    key: "community-sector",
    name: "Community sector",
    description:
      "For partners serving nonprofits, civic associations, community foundations, local government, education and " +
      "faith-based customers: grant-funded projects, volunteer operations, public procurement and nonprofit licensing.",
    color: "#c2185b",
    communitySector: true,
  },
  {
    key: "lounge",
    name: "Partner lounge",
    description: "Members only: events, hiring, practice building and what we want the program to change.",
    color: "#55606e",
    visibility: "members",
  },
  {
    key: "moderators",
    name: "Moderators",
    description: "Vendor community team only: moderation notes, recognition round-ups and forum housekeeping.",
    color: "#2f3a45",
    visibility: "staff",
  },
];

export const categories: SeedCategory[] = list.map((category, position) => ({ ...category, position }));

export const tags: Array<{ name: string; description: string }> = [
  { name: "nonprofit", description: "Charities, nonprofits and community foundations as customers." },
  { name: "grant-funding", description: "Projects paid for by grants: budgets, reporting and funder requirements." },
  { name: "volunteer-operations", description: "Volunteer recruitment, scheduling and volunteer-run services." },
  { name: "local-government-procurement", description: "Councils, municipalities and public buyers: RFPs, frameworks, cooperative contracts." },
  { name: "education", description: "Schools, districts, universities and education nonprofits." },
  { name: "faith-based", description: "Churches, mosques, synagogues, temples and faith-based charities." },
  { name: "migration", description: "Moving workloads and data onto the platform." },
  { name: "licensing", description: "Editions, seats, renewals and discounts." },
  { name: "deal-registration", description: "Registering and protecting opportunities." },
  { name: "certification", description: "Partner certifications, exams and specializations." },
  { name: "security", description: "Identity, compliance, data residency and incident response." },
  { name: "data", description: "Data models, pipelines, analytics and reporting." },
  { name: "integrations", description: "APIs, webhooks, connectors and middleware." },
  { name: "co-selling", description: "Working opportunities together with the vendor's field team." },
  { name: "managed-services", description: "Running customer environments after go-live." },
  { name: "pricing", description: "How partners price services and pass on vendor prices." },
];
