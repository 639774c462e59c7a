import { md } from "../text";
import type { SeedThread } from "../types";

export const moderators: SeedThread[] = [
  {
    key: "st-self-promotion",
    category: "moderators",
    title: "Moderation notes: links to partners' own services in answers",
    tags: [],
    by: "noah",
    daysAgo: 52,
    topic: "self-promotion in answers",
    followUps: 0,
    body: md`
      We've had a few reports this month of answers that end with "contact us for a quote". Proposal for a
      consistent line:

      - A link to your own blog post or tool is fine **if the answer stands on its own** without it.
      - "DM me" or "contact us" instead of an answer: hide, and send the author the standard note.
      - Repeated after a note: a 7-day posting suspension, with the reason recorded.

      Objections or edge cases?
    `,
    replies: [
      { by: "kenji", body: "Agree. In APAC we also see answers copied from partner marketing pages. I'd treat those the same as \"contact us\" if they don't address the question." },
      { by: "laura", body: "Fine by me. Please keep the standard note friendly: most people who do this are new and just don't know the norms yet." },
      { by: "noah", to: 2, body: "Agreed @{laura}. I'll draft the note with an example of a good answer that links to a blog post, so people see what's welcome." },
      { by: "hannah", body: "From the channel team's side: please tell us when a *partner admin* is the one posting the ads. We'd rather talk to them directly than suspend." },
    ],
  },
  {
    key: "st-kudos-roundup",
    category: "moderators",
    title: "Kudos round-up: who should get a manual award this month?",
    tags: [],
    by: "kenji",
    daysAgo: 2,
    topic: "this month's manual awards",
    followUps: 0,
    body: md`
      Time for the monthly manual awards. My nominations from the threads I've read:

      - @{rosa}: the landing zone, ERP wave and volunteer scheduling answers, and now the grant-funded clinics
      - @{liam}: the nonprofit eligibility table (the vendor is copying it into the form)
      - @{grace}: student privacy and accessibility answers that the community-sector partners keep linking to

      Anyone I've missed?
    `,
    replies: [
      { by: "noah", body: "@{jessica} for the P1 escalation runbook: three MSPs told me they adopted it as is." },
      { by: "laura", body: "All four are great choices. Let's give Rosa the *Mentor of the month* badge and the others the *Helpful answer* award with 50 points each." },
      { by: "kenji", to: 2, body: "Done. I'll post the announcement in Getting started on Monday so newer partners see what good answers look like." },
    ],
  },
];
