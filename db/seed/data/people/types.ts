export type Region = "North America" | "EMEA" | "APAC" | "LATAM";

export interface SeedProfile {
  name: string;
  email: string;
  title: string;
  bio: string;
  /** IANA zone in the person's region: mentor matching scores time-zone distance. */
  timeZone: string;
  languages: string[];
  expertise: string[];
  region: Region;
}

/** A partner employee. The first person listed for an organization founds it as partner admin. */
export interface SeedPartnerPerson extends SeedProfile {
  organization: string;
}
