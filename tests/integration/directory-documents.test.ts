import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/client";
import { updateProfile } from "../../app/domain/accounts/users.server";
import { quarterMonthStarts } from "../../app/domain/directory/hooks.server";
import { parseDirectoryQuery } from "../../app/domain/directory/query";
import { searchDirectory, type DirectoryResults } from "../../app/domain/directory/search.server";
import { moveMember, updateOrganization } from "../../app/domain/organizations/editing.server";
import { createTestDatabase } from "../support/database";
import { asSessionUser, makeOrganization, makeUser, unique } from "../support/factories";

/**
 * The search documents (decision 027) are kept by triggers: whatever writes a person, an
 * organization, a mentor profile or a mentorship, the next search sees it.
 */
let database: Database;
let admin: ReturnType<typeof asSessionUser>;

beforeAll(async () => {
  database = await createTestDatabase();
  admin = asSessionUser(await makeUser(database.db, { role: "admin" }));
});
afterAll(async () => {
  await database.close();
});

/** People of one test carry its own expertise word, so its searches see only them. */
async function person(word: string, name: string, organizationId: number) {
  const user = await makeUser(database.db, { displayName: name, organizationId });
  await database.db.updateTable("users").set({ expertise: [word], region: "EMEA" }).where("id", "=", user.id).execute();
  return user;
}
const word = () => unique("zd").replace("-", "");

const search = (word: string) => (query = "") => searchDirectory(database.db, parseDirectoryQuery(new URLSearchParams(`expertise=${word}&${query}`)));
const organizations = (query = "") => searchDirectory(database.db, parseDirectoryQuery(new URLSearchParams(`tab=organizations&${query}`)));
const names = (results: DirectoryResults) => results.hits.map((hit) => ("display_name" in hit ? hit.display_name : hit.name));
const counts = (results: DirectoryResults, key: string) =>
  Object.fromEntries(results.facets.find((facet) => facet.key === key)!.values.map((v) => [v.value, v.count]));

describe("directory search documents", () => {
  it("follow a profile edit: new name, title and languages are searched and counted", async () => {
    const w = word();
    const people = search(w);
    const organization = await makeOrganization(database.db);
    const user = await person(w, "Ruth Before", organization.id);
    await updateProfile(database.db, user.id, { displayName: "Ruth Afterward", title: "Grant strategist", bio: "", timeZone: "UTC", languages: ["Welsh"] });
    expect(names(await people("q=afterw"))).toEqual(["Ruth Afterward"]);
    expect((await people("q=before")).total).toBe(0);
    expect(names(await people("q=strategist"))).toEqual(["Ruth Afterward"]);
    expect(counts(await people(), "language")).toMatchObject({ Welsh: 1 });
  });

  it("follow a move between organizations and an edit of the organization", async () => {
    const w = word();
    const people = search(w);
    const gold = await makeOrganization(database.db, { name: `${w} Gold` });
    const other = await makeOrganization(database.db, { name: `${w} Other` });
    await updateOrganization(database.db, admin, other.id, { name: other.name, tier: "platinum", description: "", website: "", regions: "APAC", countries: "", specializations: "Security", communitySector: "", certifications: "" });
    const user = await person(w, "Moss Mover", gold.id);
    expect((await people("tier=gold")).total).toBe(1);
    await moveMember(database.db, admin, { handle: user.handle, organizationId: String(other.id), reason: "" });
    const moved = await people();
    expect(counts(moved, "tier")).toEqual({ platinum: 1 });
    expect(counts(moved, "specialization")).toEqual({ Security: 1 });
    await updateOrganization(database.db, admin, other.id, { name: other.name, tier: "silver", description: "", website: "", regions: "APAC", countries: "", specializations: "Training", communitySector: "", certifications: "" });
    const edited = await people();
    expect(counts(edited, "tier")).toEqual({ silver: 1 });
    expect(counts(edited, "specialization")).toEqual({ Training: 1 });
    const found = await organizations(`q=${w}&specialization=Training`);
    expect(names(found)).toEqual([other.name]);
  });

  it("follow mentor availability: accepting, capacity filled by an active mentorship, and the organization's offer", async () => {
    const w = word();
    const people = search(w);
    const organization = await makeOrganization(database.db, { name: `${w} Mentoring` });
    const mentor = await person(w, "Mina Mentor", organization.id);
    const mentee = await makeUser(database.db);
    const offers = async () => names(await organizations(`q=${w}&mentor=yes`));
    await database.db.insertInto("mentor_profiles").values({ user_id: mentor.id, accepting: true, capacity: 1 }).execute();
    expect(names(await people("mentor=yes"))).toEqual(["Mina Mentor"]);
    expect(await offers()).toEqual([organization.name]);
    await database.db.insertInto("mentorships").values({ public_id: unique("ms"), mentor_id: mentor.id, mentee_id: mentee.id, status: "active", expires_at: new Date(Date.now() + 86_400_000) }).execute();
    expect((await people("mentor=yes")).total).toBe(0);
    expect(await offers()).toEqual([]);
    await database.db.updateTable("mentorships").set({ status: "ended" }).where("mentor_id", "=", mentor.id).execute();
    expect(names(await people("mentor=yes"))).toEqual(["Mina Mentor"]);
    await database.db.updateTable("mentor_profiles").set({ accepting: false }).where("user_id", "=", mentor.id).execute();
    expect(counts(await people(), "mentor")).toEqual({});
  });

  it("drop a deleted account from results and counts, whether marked deleted or removed", async () => {
    const w = word();
    const people = search(w);
    const organization = await makeOrganization(database.db, { name: `${w} Leavers` });
    const marked = await person(w, "Dora Departed", organization.id);
    const removed = await person(w, "Rex Removed", organization.id);
    await person(w, "Stella Stays", organization.id);
    const before = (await people()).total;
    await database.db.updateTable("users").set({ deleted_at: new Date() }).where("id", "=", marked.id).execute();
    await database.db.deleteFrom("users").where("id", "=", removed.id).execute();
    const after = await people();
    expect(after.total).toBe(before - 2);
    expect(names(await people("q=departed"))).toEqual([]);
    expect(names(await people("q=removed"))).toEqual([]);
    expect(names(await people("q=stella"))).toEqual(["Stella Stays"]);
    expect(counts(after, "region").EMEA).toBe(after.total);
    const [organizationHit] = (await organizations(`q=${w}`)).hits;
    expect(organizationHit).toMatchObject({ member_count: 1 });
  });

  it("rank a points change in the contribution sort at once", async () => {
    const w = word();
    const people = search(w);
    const organization = await makeOrganization(database.db);
    const quiet = await person(w, "Quentin Quiet", organization.id);
    const paula = await person(w, "Paula Points", organization.id);
    const [month] = quarterMonthStarts(new Date());
    const points = (userId: string, n: number) => database.db.insertInto("recognition_user_points").values({ period: "month", period_start: month!, user_id: userId, points: n }).execute();
    const leaders = async () => names(await people("sort=contribution")).slice(0, 2);
    await points(paula.id, 10);
    expect((await leaders())[0]).toBe("Paula Points");
    await points(quiet.id, 40);
    expect(await leaders()).toEqual(["Quentin Quiet", "Paula Points"]);
  });
});
