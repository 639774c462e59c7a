import { apac } from "./apac";
import { emea } from "./emea";
import { latam } from "./latam";
import { northAmerica } from "./north-america";

export { applicants, vendorStaff, type SeedApplicant, type SeedStaffPerson } from "./others";
export type { Region, SeedPartnerPerson, SeedProfile } from "./types";

export const partnerPeople = [...northAmerica, ...emea, ...apac, ...latam];
