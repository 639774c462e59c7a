import type { Kysely } from "kysely";
import type { SessionUser } from "../../app/domain/accounts/auth.server";
import { setFollowing } from "../../app/domain/follow/follows.server";
import { sendMessage, startConversation } from "../../app/domain/messages/conversations.server";
import type { RenderMarkdown } from "../../app/domain/forum/rendering";
import type { DB } from "../schema";

/**
 * Peer networking on top of the seeded people (organizations and profiles already carry their
 * directory data): a few follows and direct-message conversations, written through the domain
 * functions so their events are in the outbox like live ones. Conversations nobody in them can
 * log in to would be invisible, so the demo accounts take part when they exist.
 */
interface Exchange {
  from: string;
  to: string[];
  messages: { by: string; body: string }[];
}

const exchanges: Exchange[] = [
  {
    from: "member@demo.partners.test",
    to: ["mentor@demo.partners.test"],
    messages: [
      { by: "member@demo.partners.test", body: "Hi! I saw your answer on fixed-scope pricing. Could I ask you a couple of questions about how you size discovery work?" },
      { by: "mentor@demo.partners.test", body: "Of course. Short version: we sell discovery as its own **paid** engagement, two weeks, fixed price. Happy to walk you through our template." },
      { by: "member@demo.partners.test", body: "That would be great. Does Thursday 15:00 UTC work?" },
    ],
  },
  {
    from: "denise.whitaker@harborlight-civic.example",
    to: ["member@demo.partners.test", "grace.kim@harborlight-civic.example"],
    messages: [
      { by: "denise.whitaker@harborlight-civic.example", body: "Welcome to the community-sector partners circle! We share grant-reporting templates here." },
      { by: "grace.kim@harborlight-civic.example", body: "Here is the checklist we use for volunteer-run roll-outs:\n\n- one admin per site\n- training recorded\n- a named funder contact" },
    ],
  },
  {
    from: "marcus.bellamy@northwind-cloud.example",
    to: ["henrik.lindqvist@bluefjord.example"],
    messages: [
      { by: "marcus.bellamy@northwind-cloud.example", body: "Henrik, would Bluefjord be up for a joint data + migration offer in the Nordics?" },
      { by: "henrik.lindqvist@bluefjord.example", body: "Very much. Let's talk after the partner summit." },
    ],
  },
];

const follows: [string, string][] = [
  ["mentor@demo.partners.test", "member@demo.partners.test"],
  ["member@demo.partners.test", "denise.whitaker@harborlight-civic.example"],
  ["mentor@demo.partners.test", "marcus.bellamy@northwind-cloud.example"],
];

export async function seedDirectory(db: Kysely<DB>, options: { people: readonly SessionUser[]; render: RenderMarkdown; now?: Date }) {
  const byEmail = new Map(options.people.map((person) => [person.email, person]));
  const now = options.now ?? new Date();
  let minutesAgo = 60 * 24 * 3;
  const at = () => new Date(now.getTime() - (minutesAgo -= 37) * 60_000);
  let conversations = 0;
  for (const exchange of exchanges) {
    const everyone = [exchange.from, ...exchange.to].map((email) => byEmail.get(email));
    if (everyone.some((person) => !person)) continue;
    const [first, ...rest] = exchange.messages;
    const sender = byEmail.get(first!.by)!;
    const to = exchange.to.map((email) => byEmail.get(email)!.handle).join(" ");
    const { conversationId } = await startConversation(db, { actor: sender, raw: { to, body: first!.body }, render: options.render, at: at() });
    for (const message of rest) {
      await sendMessage(db, { actor: byEmail.get(message.by)!, conversationId, raw: { body: message.body }, render: options.render, at: at() });
    }
    conversations++;
  }
  for (const [follower, followee] of follows) {
    const a = byEmail.get(follower);
    const b = byEmail.get(followee);
    if (a && b) await setFollowing(db, a, { kind: "user", id: b.id }, true);
  }
  const member = byEmail.get("member@demo.partners.test");
  const harborlight = await db.selectFrom("organizations").select("id").where("slug", "=", "harborlight-civic-solutions").executeTakeFirst();
  if (member && harborlight) await setFollowing(db, member, { kind: "organization", id: harborlight.id }, true);
  return { conversations };
}
