import { md } from "../text";
import type { SeedThread } from "../types";

export const sales: SeedThread[] = [
  {
    key: "sc-dealreg-appeal",
    category: "sales",
    title: "Deal registration rejected as \"existing opportunity\": how do you appeal?",
    tags: ["deal-registration"],
    by: "jordan",
    daysAgo: 72,
    topic: "deal registration appeals",
    body: md`
      We've worked with a 200-seat professional services firm in Ottawa for two months: discovery
      workshops, a demo, a draft proposal. Yesterday our deal registration came back **rejected:
      existing opportunity**. Nobody from the vendor has ever spoken to this customer as far as we know.

      Is there an appeal process, or do we just lose the registration discount?
    `,
    accepted: 1,
    replies: [
      {
        by: "priya",
        body: md`
          There is an appeal, and it works more often than people think. What I do for Commonwealth:

          1. In Partner Center open the registration → *Request review*. You have **10 business days**.
          2. Attach evidence of *your* engagement with dates: meeting invites, the workshop agenda, the
             proposal draft. Dates matter more than volume.
          3. Ask which opportunity it collides with (they'll tell you the owner, not the details).
        `,
      },
      {
        by: "marcus",
        body: md`
          @{priya}'s steps are the formal route. The informal one usually decides it:

          - Email your partner manager the same day with a two-line summary and the review link.
          - "Existing opportunity" often means an inside-sales rep logged a web form the customer filled
            in months ago. If the vendor rep hasn't actually worked it, the partner manager can get the
            rep to release it, and the rep usually prefers a partner-led deal to an idle one.
          - Offer the rep a co-selling role rather than asking them to go away. You'll keep the
            registration discount and gain an ally.

          We've had seven of these in two years; five were reversed.
        `,
      },
      {
        by: "ingrid",
        quote: { post: 2, text: "\"Existing opportunity\" often means an inside-sales rep logged a web form the customer filled in months ago." },
        body: "This is one of the things the advisory council raised last quarter: a web-form lead should not block a registration after 90 days without activity. The vendor said the rule is coming. Until then, Marcus's approach is the way.",
      },
      {
        by: "jordan",
        body: "Appeal filed with the evidence and I emailed our partner manager. The collision was exactly a web form from January. Registration reinstated this morning! Thank you @{marcus} and @{priya}.",
      },
    ],
    chatter: [
      "Screenshot the registration status when you submit. We once had one silently change owner.",
      "The 10 business days clock starts at the rejection email, not when you notice it. Set up a mail rule.",
    ],
  },
  {
    key: "sc-field-team",
    category: "sales",
    title: "Co-selling with the vendor's field team: how do you get the account executive to call you back?",
    tags: ["co-selling"],
    by: "valentina",
    daysAgo: 64,
    topic: "co-selling with the field team",
    body: md`
      We're a gold partner in Chile and we co-sell maybe two deals a year with the vendor's account
      executives. Every quarter I send the AEs in our territory our new offers and case studies, and I
      hear nothing back.

      Those of you who co-sell a lot: what actually makes a vendor AE bring you into a deal?
    `,
    accepted: 2,
    replies: [
      {
        by: "haruto",
        body: "In Japan it was relationships first: we joined the AEs' account planning sessions twice a year and brought one idea per account. Not a deck, an idea: \"this customer's plant in Nagoya is still on the old ERP, here's how we'd move it.\"",
      },
      {
        by: "marcus",
        body: "AEs are paid on their number this quarter. Anything that doesn't help this quarter's number gets ignored. Find the deals already in their forecast that are stuck, and offer to unstick one for free. That's how we got our first three co-sells.",
      },
      {
        by: "ingrid",
        body: md`
          Both right. Here's the version we built at Bluefjord after a lot of unanswered emails:

          1. **Pick three AEs, not thirty.** Learn their top ten accounts.
          2. **Bring pipeline to them** before asking for any: register a deal where *you* found the
             customer and invite the AE in. Reciprocity is real.
          3. **Make yourself easy to sell**: a one-page offer with a fixed price range and two references
             in their industry.
          4. **Report back.** After every joint meeting, a three-line summary the AE can paste into their
             CRM. They love partners who do their admin.

          After a year we co-sold 14 deals with the same three AEs. The partner program's co-sell
          incentives (see the [co-selling guide](https://partners.vendor.example/co-sell)) pay the AE
          extra on partner-attached deals, so mention it: many don't know.
        `,
      },
      {
        by: "valentina",
        quote: { post: 3, text: "Bring pipeline to them before asking for any" },
        body: "We'd been doing the opposite, asking first. Picked three AEs this week and registered two deals with them attached. Thank you @{ingrid}.",
      },
    ],
    chatter: [
      "The three-line summary after each meeting is the best tip here. It costs five minutes.",
      "Also learn the AE's fiscal calendar. Pitching in the last two weeks of their quarter never works.",
      "We did the same in Brazil and the co-sell incentive surprised our AEs too. Most had never read it.",
    ],
  },
  {
    key: "sc-marketplace-margins",
    category: "sales",
    title: "Marketplace private offers vs. reselling through distribution: margins compared",
    tags: ["co-selling", "pricing"],
    by: "henrik",
    daysAgo: 57,
    topic: "marketplace private offers",
    followUps: 5,
    body: md`
      More customers want to buy through the cloud marketplace to burn down their committed spend. For us
      that means a private offer instead of reselling through our distributor.

      I did the maths on a typical 100-seat deal and I'd like a sanity check:

      | Route | Our margin | Paid in | Customer benefit |
      | --- | --- | --- | --- |
      | Resell via distributor | 14% | 45 days | One invoice from us |
      | Private offer (partner-originated) | 12% after marketplace fee | 30 days | Counts against commit |
      | Vendor direct, we're referral | 6% referral fee | 90 days | Nothing special |

      Are others seeing similar numbers? Is anyone still reselling when the customer has a commit?
    `,
    replies: [
      {
        by: "marcus",
        body: "Our numbers are within a point of yours. We now lead with the private offer whenever the customer has a commit: 2 points of margin are worth less than being the partner who helped them use their commit.",
      },
      {
        by: "katrin",
        body: "In Germany the public customers can't buy through the marketplace at all (procurement law), so we still resell there. For private sector it's private offers now.",
      },
      {
        by: "ingrid",
        quote: { post: 0, text: "Private offer (partner-originated) | 12% after marketplace fee" },
        body: "Check that the deal is flagged partner-originated *before* you publish the offer. If it's flagged later, the fee goes up and your 12% becomes 9%. We raised this at the council; no fix date yet.",
      },
      {
        by: "rohan",
        body: "India is similar, but the 30-day payment is the real win for a small firm. Cash flow beat margin for us.",
      },
    ],
    chatter: [
      "Thanks for sharing real numbers, it's rare to see them on a forum.",
      "Distributors are starting to offer marketplace-linked financing. Ask yours; it may change the table.",
    ],
  },
  {
    key: "sc-jbp-template",
    category: "sales",
    title: "Sharing our joint business plan template for the annual partner review",
    tags: ["co-selling"],
    by: "ingrid",
    daysAgo: 14,
    topic: "joint business plans",
    body: md`
      Every year the partner review asks for a joint business plan, and every year partners tell me they
      rewrite it from scratch. Here's the outline we use at Bluefjord. Take it, change it, tell me what's
      missing:

      ### 1. Where we are
      - Certified people, specializations, active customers, last year's registered and won deals

      ### 2. Where we're going
      - Three target segments, with the number of customers in each we'll reach this year
      - Offers we'll take to market (fixed-scope, priced)

      ### 3. What we need from the vendor
      - Named AEs, co-marketing events, MDF amounts with a purpose each

      ### 4. How we'll measure it
      - Quarterly: pipeline registered, deals won, consumption influenced, CSAT

      The "what we need from the vendor" section is where most plans are vague. Be specific: "two joint
      events in Bergen and Trondheim, Q2 and Q4, 8k MDF each" gets approved; "marketing support" doesn't.
    `,
    replies: [
      {
        by: "haruto",
        body: "Very useful. We add a section 5: **risks**, such as staff turnover, a big customer's renewal. The vendor's partner managers told us it makes the plan more credible, not less.",
      },
      {
        by: "olivia",
        body: "As a small partner, this is the first JBP outline that doesn't assume we have a marketing department. Thank you @{ingrid}.",
      },
      {
        by: "beatriz",
        body: "For community-sector partners I'd add a line on grant cycles under section 2: our customers buy when the funder pays, and the vendor's partner managers don't always know that.",
      },
      {
        by: "ingrid",
        to: 3,
        body: "Good one @{beatriz}, adding it. And @{haruto}'s risks section too; updated outline in the council's shared folder next week.",
      },
    ],
    chatter: [
      "Numbers under every heading is the trick. Our JBP went from a wish list to a plan when we did that.",
      "We present ours in 15 minutes with one slide per section. Partner managers appreciate brevity.",
    ],
  },
  {
    key: "sc-budget-confirmed",
    category: "sales",
    title: "Deal registration form now asks for \"customer budget confirmed\". What are you putting?",
    tags: ["deal-registration"],
    by: "olivia",
    daysAgo: 5,
    topic: "the new deal registration fields",
    body: md`
      Since this month's Partner Center update the deal registration form has a mandatory
      **Customer budget confirmed** yes/no and a **Budget source** field. For most of our early deals
      the honest answer is "not yet".

      Does answering "no" get the registration rejected? What are others putting?
    `,
    accepted: 0,
    replies: [
      {
        by: "priya",
        body: md`
          Answering "no" does **not** reject the registration. I checked with our partner manager and
          tested it on two deals. What changes:

          - With *budget confirmed = no*, the registration is approved for **90 days** instead of 180.
          - You can edit the field later; flipping it to *yes* extends the registration to the full 180.
          - *Budget source* is free text. "Annual IT budget", "grant (pending)", "capital project" all work.

          ![The deal registration form with the Customer budget confirmed and Budget source fields](https://docs.vendor.example/images/deal-registration-budget-fields.png)

          So answer honestly and update it when the customer confirms. A "yes" that turns out to be false
          is what gets a partner's registrations reviewed more closely.
        `,
      },
      {
        by: "jordan",
        body: "Good to know about the 90 days. We had been guessing \"yes\" on everything. Fixing our two open registrations now.",
      },
      {
        by: "fiona",
        body: "For grant-funded customers we write \"grant (pending), decision expected <month>\". Partner managers have accepted that and extended when the grant came through.",
      },
      {
        by: "olivia",
        body: "Thank you @{priya}, that's clear. Honest \"no\" it is, with a reminder to update.",
      },
    ],
    chatter: [
      "The 90 vs 180 days detail isn't in the release notes. Thanks for testing it.",
      "Does anyone know if the budget fields feed the co-sell scoring? Our AE hinted at it.",
    ],
  },
];
