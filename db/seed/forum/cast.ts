import { DEMO_ACCOUNTS, demoProfiles, type DemoAccountKey } from "../data/demo-accounts";
import { organizations } from "../data/organizations";
import { partnerPeople, vendorStaff, type SeedProfile } from "../data/people";

/**
 * Who speaks in the forum seed, by first name. Demo accounts have a stand-in for seeds without
 * demo log-ins, so the same conversations happen either way.
 */
const emails = {
  marcus: "marcus.bellamy@northwind-cloud.example",
  aisha: "aisha.rahman@northwind-cloud.example",
  tyler: "tyler.okonkwo@northwind-cloud.example",
  jessica: "jessica.tremblay@northwind-cloud.example",
  diego: "diego.alvarez@northwind-cloud.example",
  denise: "denise.whitaker@harborlight-civic.example",
  luis: "luis.ortega@harborlight-civic.example",
  grace: "grace.kim@harborlight-civic.example",
  samuel: "samuel.redcloud@harborlight-civic.example",
  olivia: "olivia.chen@maple-pine.example",
  ethan: "ethan.fraser@maple-pine.example",
  henrik: "henrik.lindqvist@bluefjord.example",
  sofie: "sofie.mortensen@bluefjord.example",
  ola: "ola.haugen@bluefjord.example",
  amira: "amira.haddad@bluefjord.example",
  fiona: "fiona.macleod@commonwealth-impact.example",
  kwame: "kwame.mensah@commonwealth-impact.example",
  siobhan: "siobhan.doyle@commonwealth-impact.example",
  katrin: "katrin.vogel@rheinwerk-data.example",
  lukas: "lukas.brunner@rheinwerk-data.example",
  mehmet: "mehmet.yilmaz@rheinwerk-data.example",
  anna: "anna.keller@rheinwerk-data.example",
  camille: "camille.laurent@atelier-numerique.example",
  youssef: "youssef.elamrani@atelier-numerique.example",
  lotte: "lotte.peeters@atelier-numerique.example",
  haruto: "haruto.yamamoto@sakura-si.example",
  yuki: "yuki.sato@sakura-si.example",
  weijie: "weijie.lim@sakura-si.example",
  aisyah: "nuraisyah.hassan@sakura-si.example",
  rohan: "rohan.mehta@indus-cloudworks.example",
  ananya: "ananya.iyer@indus-cloudworks.example",
  vikram: "vikram.singh@indus-cloudworks.example",
  dilani: "dilani.perera@indus-cloudworks.example",
  liam: "liam.oconnor@southerncross-it.example",
  aroha: "aroha.ngata@southerncross-it.example",
  mai: "mai.nguyen@southerncross-it.example",
  valentina: "valentina.rojas@andes-digital.example",
  mateo: "mateo.quispe@andes-digital.example",
  camila: "camila.restrepo@andes-digital.example",
  sebastian: "sebastian.fuentes@andes-digital.example",
  beatriz: "beatriz.nascimento@ponte-educacao.example",
  thiago: "thiago.almeida@ponte-educacao.example",
  guadalupe: "guadalupe.hernandez@ponte-educacao.example",
  rafael: "rafael.costa@ponte-educacao.example",
  laura: "laura.castellanos@vendor.example",
  kenji: "kenji.watanabe@vendor.example",
} as const;

type PartnerAlias = keyof typeof emails;

/** Demo accounts by first name, each with who says their lines when the seed has no demo log-ins. */
const demo = {
  jordan: { account: "member", standIn: "ethan" },
  rosa: { account: "mentor", standIn: "aisha" },
  ingrid: { account: "council", standIn: "henrik" },
  noah: { account: "moderator", standIn: "kenji" },
  priya: { account: "partneradmin", standIn: "fiona" },
  hannah: { account: "admin", standIn: "laura" },
} as const satisfies Record<string, { account: DemoAccountKey; standIn: PartnerAlias }>;

export type Alias = PartnerAlias | keyof typeof demo;

export const aliases = [...Object.keys(emails), ...Object.keys(demo)] as Alias[];

const isDemo = (alias: Alias): alias is keyof typeof demo => alias in demo;

/** Vendor staff read and post in the moderators' category; nobody else may. */
export const staffAliases: Alias[] = ["laura", "kenji", "noah", "hannah"];

/** The email of the person who says an alias's lines: a demo account's stand-in when there are no demo log-ins. */
export function emailOf(alias: Alias, demoAccounts = true): string {
  if (!isDemo(alias)) return emails[alias];
  const { account, standIn } = demo[alias];
  return demoAccounts ? DEMO_ACCOUNTS.find((a) => a.key === account)!.email : emails[standIn];
}

const profiles = new Map<string, SeedProfile & { organization: string | null }>([
  ...partnerPeople.map((p) => [p.email, p] as const),
  ...vendorStaff.map((p) => [p.email, { ...p, organization: null }] as const),
  ...DEMO_ACCOUNTS.map((a) => [a.email, { ...demoProfiles[a.key], email: a.email }] as const),
]);

/** A seed person's profile: introductions and "our Oslo rollout" follow-ups are built from it. */
export function profileOf(email: string) {
  const profile = profiles.get(email);
  if (!profile) throw new Error(`forum seed: no seed profile for ${email}`);
  const organization = organizations.find((o) => o.key === profile.organization);
  return { ...profile, organizationName: organization?.name ?? "the vendor's partner team", city: cityOf(profile.timeZone) };
}

const cityOf = (timeZone: string) => timeZone.split("/").pop()!.replace(/_/g, " ");
