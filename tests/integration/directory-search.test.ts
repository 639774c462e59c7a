import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/client";
import { createOrganization } from "../../app/domain/organizations/organizations.server";
import { parseDirectoryQuery } from "../../app/domain/directory/query";
import { searchDirectory, type DirectoryResults } from "../../app/domain/directory/search.server";
import { createTestDatabase } from "../support/database";
import { makeUser, unique } from "../support/factories";

let database: Database;
// A word no other test file uses, so counts only see this file's people.
const tag = unique("zq").replace("-", "");
beforeAll(async () => {
  database = await createTestDatabase();
  const civic = await createOrganization(
    database.db,
    { name: `${tag} Civic`, tier: "gold", regions: ["EMEA"], specializations: ["Data & analytics"], certifications: ["Data Platform Specialist"], communitySector: true, segments: ["nonprofits"] },
    null,
  );
  const cloud = await createOrganization(
    database.db,
    { name: `${tag} Cloud`, tier: "platinum", regions: ["APAC"], specializations: ["Cloud migration"], segments: [] },
    null,
  );
  const person = async (name: string, organizationId: number, region: string, expertise: string[], languages: string[], bio = "") => {
    const user = await makeUser(database.db, { displayName: name, organizationId });
    await database.db.updateTable("users").set({ region, expertise: [...expertise, tag], languages, bio, title: "Consultant" }).where("id", "=", user.id).execute();
    return user;
  };
  const ines = await person("Ines Lindqvist", civic.id, "EMEA", ["Grant reporting", "Data & analytics"], ["English", "Swedish"], "Volunteer-run nonprofit projects.");
  const omar = await person("Omar Haddad", civic.id, "EMEA", ["Data & analytics"], ["English", "Arabic"]);
  // Ines takes mentees; Omar has a profile but no free place (capacity 0).
  await database.db.insertInto("mentor_profiles").values([
    { user_id: ines.id, accepting: true, capacity: 2 },
    { user_id: omar.id, accepting: true, capacity: 0 },
  ]).execute();
  await person("Kenji Sato", cloud.id, "APAC", ["Cloud migration"], ["Japanese", "English"]);
});
afterAll(async () => {
  await database.close();
});

const search = (query: string) => searchDirectory(database.db, parseDirectoryQuery(new URLSearchParams(`expertise=${tag}&${query}`)));
const counts = (results: DirectoryResults, key: string) =>
  Object.fromEntries(results.facets.find((facet) => facet.key === key)!.values.map((v) => [v.value, v.count]));
const names = (results: DirectoryResults) => results.hits.map((hit) => ("display_name" in hit ? hit.display_name : hit.name));

describe("directory search", () => {
  it("finds people by a prefix of their name, their expertise or their bio", async () => {
    expect(names(await search("q=lindq"))).toEqual(["Ines Lindqvist"]);
    expect(names(await search("q=volunteer"))).toEqual(["Ines Lindqvist"]);
    expect(names(await search("q=cloud migration"))).toEqual(["Kenji Sato"]);
  });

  it("finds names with digits in them, typed whole or in part, however PostgreSQL splits them", async () => {
    const own = unique("zq").replace("-", "");
    // "8e296a06" alone parses as a number and a word, inside a hyphenated name as one lexeme;
    // "-06409663" parses as a signed number.
    const written = ["Deletable-8e296a06", "Deletable-06409663", "Agent 3e5a9b01", "R2D2 Unit"];
    for (const displayName of written) {
      const user = await makeUser(database.db, { displayName });
      await database.db.updateTable("users").set({ expertise: [own] }).where("id", "=", user.id).execute();
    }
    const find = async (q: string) => names(await searchDirectory(database.db, parseDirectoryQuery(new URLSearchParams({ expertise: own, q }))));
    for (const name of written) expect(await find(name)).toEqual([name]);
    expect(await find("8e296")).toEqual(["Deletable-8e296a06"]);
    expect(await find("3e5a9b01")).toEqual(["Agent 3e5a9b01"]);
    expect(await find("r2d")).toEqual(["R2D2 Unit"]);
  });

  it("counts every facet value, and a facet's own filter does not hide its other values", async () => {
    const all = await search("");
    expect(all.total).toBe(3);
    expect(counts(all, "region")).toEqual({ EMEA: 2, APAC: 1 });
    expect(counts(all, "language")).toMatchObject({ English: 3, Swedish: 1, Arabic: 1, Japanese: 1 });

    const emea = await search("region=EMEA");
    expect(names(emea)).toEqual(["Ines Lindqvist", "Omar Haddad"]);
    expect(counts(emea, "region")).toEqual({ EMEA: 2, APAC: 1 });
    expect(counts(emea, "language")).toMatchObject({ English: 2, Swedish: 1, Arabic: 1 });
    expect(counts(emea, "language").Japanese).toBeUndefined();
    expect(counts(emea, "segment")).toEqual({ nonprofits: 2 });
  });

  it("treats values of one facet as either-or and different facets as both", async () => {
    expect((await search("language=Swedish&language=Japanese")).total).toBe(2);
    expect(names(await search("language=Arabic&tier=gold"))).toEqual(["Omar Haddad"]);
    expect((await search("language=Arabic&tier=platinum")).total).toBe(0);
  });

  it("keeps a selected value visible with a zero count so it can be unticked", async () => {
    const results = await search("q=kenji&language=Arabic");
    expect(results.facets.find((f) => f.key === "language")!.values).toContainEqual({ value: "Arabic", count: 0, selected: true });
  });

  it("searches organizations with their own facets", async () => {
    const results = await searchDirectory(database.db, parseDirectoryQuery(new URLSearchParams(`tab=organizations&q=${tag}`)));
    expect(names(results)).toEqual([`${tag} Civic`, `${tag} Cloud`]);
    expect(counts(results, "tier")).toEqual({ gold: 1, platinum: 1 });
    const nonprofits = await searchDirectory(database.db, parseDirectoryQuery(new URLSearchParams(`tab=organizations&q=${tag}&segment=nonprofits`)));
    expect(names(nonprofits)).toEqual([`${tag} Civic`]);
    expect(nonprofits.hits[0]).toMatchObject({ member_count: 2 });
  });

  it("offers 'available as mentor' from mentor profiles with places left, for people and their organizations", async () => {
    const all = await search("");
    expect(counts(all, "mentor")).toEqual({ yes: 1 });
    const mentors = await search("mentor=yes");
    expect(names(mentors)).toEqual(["Ines Lindqvist"]);
    expect(mentors.hits[0]).toMatchObject({ available_as_mentor: true });
    const organizations = await searchDirectory(database.db, parseDirectoryQuery(new URLSearchParams(`tab=organizations&q=${tag}&mentor=yes`)));
    expect(names(organizations)).toEqual([`${tag} Civic`]);
  });

  it("flags facet counts as approximate when there are more matches than it counts exactly; results stay exact", async () => {
    const query = parseDirectoryQuery(new URLSearchParams(`expertise=${tag}`));
    const sampled = await searchDirectory(database.db, query, { exactUpTo: 1, sampleSize: 1_000_000 });
    expect(sampled.total).toBe(3);
    expect(sampled.facets.every((facet) => facet.approximate)).toBe(true);
    expect(counts(sampled, "region")).toMatchObject({ EMEA: 2, APAC: 1 });
    expect((await search("")).facets.some((facet) => facet.approximate)).toBe(false);
  });

  it("sorts by name and pages through results", async () => {
    const byName = await search("sort=name");
    expect(names(byName)).toEqual(["Ines Lindqvist", "Kenji Sato", "Omar Haddad"]);
    const beyond = await search("page=2");
    expect(beyond.hits).toEqual([]);
    expect(beyond.pageCount).toBe(1);
  });
});
