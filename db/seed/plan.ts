import { DEMO_ACCOUNTS, demoProfiles } from "./data/demo-accounts";
import { organizations, type SeedOrganization } from "./data/organizations";
import { applicants, partnerPeople, vendorStaff, type SeedProfile } from "./data/people";
import { mulberry32, pick, type Random } from "./random";

/**
 * Every seed action in order, worked out before touching the database: the same seed number
 * gives the same plan, and its length is the progress bar's total.
 */
export type SeedStep =
  | { kind: "staff"; person: SeedProfile; role: "admin" | "moderator"; bootstrap: boolean }
  | { kind: "organization"; organization: SeedOrganization }
  /** Added by the vendor admin and made partner admin: how an organization gets its first admin. */
  | { kind: "onboarded"; person: SeedProfile; organization: string }
  | { kind: "invited"; person: SeedProfile; organization: string }
  | { kind: "approved"; person: SeedProfile; organization: string; message: string; declinedFirstBy: string | null }
  | { kind: "pending"; person: SeedProfile; organization: string; message: string };

export const DEFAULT_SEED = 20261123;

const joinMessages = [
  "I joined the team this month. Could you add me?",
  "New starter here; my manager asked me to join our organization.",
  "Moving over from the old partner portal, please approve.",
  "",
];

export function planSeed(options: { demoAccounts: boolean; seed?: number }): SeedStep[] {
  const random = mulberry32(options.seed ?? DEFAULT_SEED);
  const steps: SeedStep[] = vendorStaff.map((person, index) => ({
    kind: "staff",
    person,
    role: person.role,
    bootstrap: index === 0,
  }));
  for (const organization of organizations) steps.push({ kind: "organization", organization });

  // Every organization gets its partner admin before anyone asks to join one.
  const founders = new Map<string, SeedProfile>();
  for (const person of partnerPeople) {
    if (!founders.has(person.organization)) founders.set(person.organization, person);
  }
  for (const [organization, person] of founders) steps.push({ kind: "onboarded", person, organization });
  for (const person of partnerPeople) {
    if (founders.get(person.organization) !== person) steps.push(joinStep(random, person, person.organization));
  }

  if (options.demoAccounts) steps.push(...demoSteps());

  for (const applicant of applicants) {
    steps.push({ kind: "pending", person: applicant, organization: applicant.requestsToJoin, message: applicant.message });
  }
  return steps;
}

/** Colleagues join the way they would live: half by invitation, half by request, a few after a mistaken request. */
function joinStep(random: Random, person: SeedProfile, organization: string): SeedStep {
  if (random() < 0.5) return { kind: "invited", person, organization };
  const region = organizations.find((o) => o.key === organization)?.regions?.[0];
  const neighbours = organizations.filter((o) => o.key !== organization && o.regions?.includes(region ?? ""));
  const declinedFirstBy = neighbours.length > 0 && random() < 0.2 ? pick(random, neighbours).key : null;
  return { kind: "approved", person, organization, message: pick(random, joinMessages), declinedFirstBy };
}

function demoSteps(): SeedStep[] {
  return DEMO_ACCOUNTS.map((account): SeedStep => {
    const { organization, ...profile } = demoProfiles[account.key];
    const person = { ...profile, email: account.email };
    if (account.role === "admin" || account.role === "moderator") {
      return { kind: "staff", person, role: account.role, bootstrap: false };
    }
    if (!organization) throw new Error(`demo account ${account.key} needs an organization`);
    if (account.role === "partner_admin") return { kind: "onboarded", person, organization };
    return { kind: "invited", person, organization };
  });
}

export function stepLabel(step: SeedStep) {
  return step.kind === "organization" ? step.organization.name : step.person.name;
}
