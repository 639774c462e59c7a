import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/client";
import type { SessionUser } from "../../app/domain/accounts/auth.server";
import { addActionItem, remindDueActionItems } from "../../app/domain/councils/actions.server";
import { scheduleMeeting } from "../../app/domain/councils/meetings.server";
import { removeMember } from "../../app/domain/councils/roster.server";
import { listNotifications, setNotificationPreferences } from "../../app/domain/follow/notifications.server";
import { notificationKinds } from "../../app/domain/follow/kinds";
import { createTestDatabase } from "../support/database";
import { makeOrganization, makeUser } from "../support/factories";
import { days, enrol, makeCouncil, viewer } from "../support/councils";

let database: Database;
let admin: SessionUser;
beforeAll(async () => {
  database = await createTestDatabase();
  admin = await viewer(database.db, await makeUser(database.db, { role: "admin" }));
});
afterAll(async () => {
  await database.close();
});

async function partner() {
  const organization = await makeOrganization(database.db);
  return makeUser(database.db, { organizationId: organization.id });
}

/** A council whose chair gave Ana and Ben an action item each at one meeting. */
async function meetingWithActionItems(dueAt: Date) {
  const council = await makeCouncil(database.db, admin);
  const chair = await enrol(database.db, admin, council.id, await partner(), { role: "chair" });
  const ana = await enrol(database.db, admin, council.id, await partner());
  const ben = await enrol(database.db, admin, council.id, await partner());
  const meeting = await scheduleMeeting(database.db, chair, council.id, { title: "Quarterly", startsAt: "2099-03-01T09:00", timeZone: "UTC", location: "Online" });
  await addActionItem(database.db, chair, meeting.id, { title: "Draft the partner FAQ", ownerHandle: ana.handle, dueAt });
  await addActionItem(database.db, chair, meeting.id, { title: "Collect pricing feedback", ownerHandle: ben.handle, dueAt });
  return { council, chair, ana, ben, meeting };
}

const councilNotifications = async (user: SessionUser) =>
  (await listNotifications(database.db, await viewer(database.db, user))).notifications.filter((n) => n.kind === "council");

describe("council action-item reminders", () => {
  it("notify the owner once before the item is due, naming the item and linking its meeting", async () => {
    const { ana, meeting } = await meetingWithActionItems(days(1));
    await remindDueActionItems(database.db);
    await remindDueActionItems(database.db);
    const notes = await councilNotifications(ana);
    expect(notes).toHaveLength(1);
    expect(notes[0]!.data).toMatchObject({ text: expect.stringContaining("Draft the partner FAQ"), href: `/councils/meetings/${meeting.id}` });
  });

  it("wait until the item is due soon", async () => {
    const { ana } = await meetingWithActionItems(days(10));
    await remindDueActionItems(database.db);
    expect(await councilNotifications(ana)).toEqual([]);
  });

  it("never reach someone who is no longer a member, and a former member no longer sees an earlier one", async () => {
    const { council, ana, ben } = await meetingWithActionItems(days(1));
    await removeMember(database.db, admin, council.id, ben.id);
    await remindDueActionItems(database.db);
    const benRows = await database.db.selectFrom("notifications").select("id").where("user_id", "=", ben.id).where("kind", "=", "council").execute();
    expect(benRows).toEqual([]);
    expect(await councilNotifications(ana)).toHaveLength(1);
    await removeMember(database.db, admin, council.id, ana.id);
    expect(await councilNotifications(ana)).toEqual([]);
  });

  it("respect the owner's choice to turn council notifications off", async () => {
    expect(notificationKinds).toContain("council");
    const council = await makeCouncil(database.db, admin);
    const chair = await enrol(database.db, admin, council.id, await partner(), { role: "chair" });
    const ana = await enrol(database.db, admin, council.id, await partner());
    await setNotificationPreferences(database.db, ana.id, { ...Object.fromEntries(notificationKinds.map((kind) => [kind, true])), council: false } as never);
    const meeting = await scheduleMeeting(database.db, chair, council.id, { title: "Quiet", startsAt: "2099-03-01T09:00", timeZone: "UTC", location: "Online" });
    await addActionItem(database.db, chair, meeting.id, { title: "Quiet item", ownerHandle: ana.handle, dueAt: days(1) });
    await remindDueActionItems(database.db);
    expect(await councilNotifications(ana)).toEqual([]);
  });
});
