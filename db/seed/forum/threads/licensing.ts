import { md } from "../text";
import type { SeedThread } from "../types";

export const licensing: SeedThread[] = [
  {
    key: "lp-nonprofit-seat-minimum",
    category: "licensing",
    title: "How are you handling the new per-seat minimum on nonprofit renewals?",
    tags: ["licensing", "nonprofit"],
    by: "fiona",
    daysAgo: 77,
    topic: "the nonprofit seat minimum",
    followUps: 5,
    body: md`
      From the next renewal cycle, Nonprofit edition subscriptions have a **minimum of 10 paid seats**
      (the first 10 donated seats stay free, so it's effectively 20 users before anything changes).

      A third of our customers are small charities with 4–8 users. For them this turns a free product into
      a bill of several hundred pounds a year, from a renewal notice they weren't expecting.

      How are others handling it? Are you telling customers now, waiting for the vendor's letter, or
      moving them to another edition?
    `,
    accepted: 1,
    replies: [
      {
        by: "liam",
        body: "We've got 22 customers affected in Australia and New Zealand. We're telling them now, with the numbers, before the vendor's letter. Nobody likes hearing it from an automated email.",
      },
      {
        by: "hannah",
        body: md`
          Vendor channel team here. Some clarifications, since the announcement was less clear than it
          should have been:

          - The minimum applies at the **first renewal after 1 July**, not mid-term.
          - Customers with **fewer than 10 active users** on the renewal date can apply for the
            *small organization waiver*; it keeps them on donated seats only, for two more years.
          - The waiver is requested by the partner of record in Partner Center → *Customers → Licensing
            exceptions*. Approval takes about five business days.
          - Details and the FAQ are on the [nonprofit program page](https://partners.vendor.example/nonprofit/renewals).

          Sorry for the surprise. We should have led with the waiver.
        `,
      },
      {
        by: "siobhan",
        quote: { post: 2, text: "Customers with **fewer than 10 active users** on the renewal date can apply for the *small organization waiver*" },
        body: "This changes everything for our small charities. Is \"active\" defined as logged in during the last 30 days? Some of our customers have seasonal volunteers with accounts.",
      },
      {
        by: "hannah",
        to: 3,
        body: "@{siobhan} yes: logged in at least once in the 30 days before the renewal date. Deactivating seasonal volunteer accounts before renewal is allowed; reactivating them later doesn't end the waiver.",
      },
      {
        by: "priya",
        body: "We've filed waivers for 11 customers this week, all approved within four days. Tip: attach the active-user report to the request, it avoids a back-and-forth.",
      },
      {
        by: "rosa",
        body: "For customers *just* over the line, we've had success bundling the renewal with a small services package funded by their next grant. The seat cost is easier to justify inside a project budget.",
      },
      {
        by: "fiona",
        body: "Thank you @{hannah}, accepting your answer so people find the waiver first. We're sending our customers a letter this week with their active-user count and whether they qualify.",
      },
    ],
    chatter: [
      "The waiver should really be in the renewal notice itself. We'll raise it at the advisory council.",
      "We built a small report of active users per customer so we can check the 10-user line quickly. Happy to share it.",
      "Good to see the vendor answering here directly. That's what this forum is for.",
    ],
  },
  {
    key: "lp-coterming",
    category: "licensing",
    title: "Mixing annual and monthly subscriptions on one customer: co-terming headaches",
    tags: ["licensing"],
    by: "jessica",
    daysAgo: 62,
    topic: "co-terming subscriptions",
    body: md`
      Managed services customer with 300 annual seats renewing in March, plus 40 monthly seats added in
      bursts since. Now they want everything on one renewal date and one invoice.

      If we co-term the monthly seats to March, are they prorated? And can we convert monthly to annual
      mid-term without the customer paying twice for the overlap?
    `,
    accepted: 1,
    replies: [
      {
        by: "diego",
        body: "We tried converting mid-term once and the customer was billed for the monthly period *and* the prorated annual. Took two months of credit notes to fix. Curious if there's a clean way.",
      },
      {
        by: "henrik",
        body: md`
          There is a clean way, but the order matters:

          1. **Add** the 40 seats to the annual subscription as a mid-term add-on. Add-ons are prorated
             to the annual end date automatically.
          2. **Wait until the add-on is provisioned** (check the seat count on the annual subscription).
          3. **Then cancel** the monthly subscription with *end of current period*, not immediately.

          Do it in the reverse order and the cancellation credit and the add-on charge land on different
          invoices, which is what @{diego} saw. The overlap costs at most a few days of monthly seats.
        `,
      },
      {
        by: "jordan",
        body: "Does the same work for the nonprofit edition? Our customer has donated seats on annual and paid seats on monthly.",
      },
      {
        by: "henrik",
        to: 3,
        body: "@{jordan} yes, but the donated seats have to stay a separate line. Only the paid seats can be added to the annual subscription.",
      },
      {
        by: "jessica",
        body: "Did it in Henrik's order this morning: one invoice line, prorated, no double charge. Thanks @{henrik}!",
      },
    ],
    chatter: [
      "Screenshot the seat count before cancelling anything. Support asks for it every time there's a dispute.",
      "This should be a wizard in Partner Center. Three manual steps in a specific order is a trap.",
    ],
  },
  {
    key: "lp-renewal-uplift",
    category: "licensing",
    title: "Price uplift at renewal: do you pass through the 7% or absorb some of it?",
    tags: ["licensing", "pricing"],
    by: "camille",
    daysAgo: 49,
    topic: "passing on the renewal uplift",
    followUps: 5,
    body: md`
      The list price goes up 7% at renewal for Professional edition. Our retail customers in France are
      already grumbling. Some partners tell me they absorb part of it from their margin to keep the
      customer; others pass everything through and explain.

      What's your policy, and how do you explain it?
    `,
    replies: [
      {
        by: "marcus",
        body: "We pass it through, always, with a one-page note on what changed in the product this year. If we absorb it once, the customer expects it every year.",
      },
      {
        by: "ingrid",
        body: md`
          Pass it through, but use it as a conversation, not a notice:

          - Show the customer their **usage**: seats used vs. paid, features used. Often we *reduce*
            their bill by removing unused seats, which more than pays for the uplift.
          - Offer a **multi-year** renewal. The uplift is locked for three years, which procurement likes.

          The council asked the vendor for 90 days' notice of uplifts instead of 60; that's now agreed
          from next year.
        `,
      },
      {
        by: "camille",
        quote: { post: 2, text: "Often we *reduce* their bill by removing unused seats, which more than pays for the uplift." },
        body: "Very good point. Our biggest retail customer has 60 unused seats. Talking to them tomorrow.",
      },
      {
        by: "valentina",
        body: "In Chile we also show the uplift in local currency vs. the exchange-rate change. Sometimes the currency moved more than the price did, and customers find that reassuring.",
      },
    ],
    chatter: [
      "Multi-year with the uplift locked is an easy win for public customers too, if their budget rules allow.",
      "We absorbed it once for a big customer. Regretted it exactly as Marcus describes.",
    ],
  },
  {
    key: "lp-discount-bands-faq",
    category: "licensing",
    title: "FAQ: changes to partner discount bands from next quarter",
    tags: ["licensing", "pricing"],
    by: "hannah",
    daysAgo: 11,
    topic: "the new discount bands",
    followUps: 5,
    body: md`
      From the start of next quarter the partner discount depends on the tier *and* whether the deal is
      partner-originated. The new bands:

      | Tier | Partner-originated | Vendor-originated, partner-attached |
      | --- | --- | --- |
      | Registered | 10% | 5% |
      | Silver | 15% | 8% |
      | Gold | 20% | 10% |
      | Platinum | 25% | 12% |

      Registered deals keep the band that applied on the day they were approved. Full terms are on the
      [program updates page](https://partners.vendor.example/program/updates). Ask your questions here and
      we'll answer in this thread so everyone sees the same answer.
    `,
    replies: [
      {
        by: "ingrid",
        body: "Thank you for posting this openly. One question from the council: how does a deal become \"partner-originated\" if the customer first filled in a web form? That's the case we see most.",
      },
      {
        by: "hannah",
        to: 1,
        body: "@{ingrid} if nobody at the vendor worked the web-form lead within 30 days, a partner registration makes it partner-originated. We'll add that to the FAQ.",
      },
      {
        by: "liam",
        body: "Do renewals keep their original origin? Most of our revenue is renewals of deals we originated years ago.",
      },
      {
        by: "hannah",
        to: 3,
        body: "@{liam} yes. The origin is inherited by renewals and add-ons for the life of the subscription.",
      },
      {
        by: "rohan",
        quote: { post: 0, text: "Registered deals keep the band that applied on the day they were approved." },
        body: "Good. We'll register everything in the pipeline before the quarter starts, then.",
      },
    ],
    chatter: [
      "Clear table, thank you. Far easier than last year's PDF.",
      "Will the Partner Center deal view show which band applies? That would save a lot of emails.",
    ],
  },
];
