import { md } from "../text";
import type { SeedThread } from "../types";

export const communitySector: SeedThread[] = [
  {
    key: "cs-grant-arrears",
    category: "community-sector",
    title: "Grant-funded CRM project: budgeting when the grant pays in arrears",
    tags: ["nonprofit", "grant-funding"],
    by: "guadalupe",
    daysAgo: 83,
    topic: "grant payments in arrears",
    body: md`
      A food bank network in Monterrey won a foundation grant for their CRM project: 60% paid after the
      first milestone report, 40% at the end. They can't pay us anything up front, and we're a small team
      that can't carry four months of work unpaid.

      How do you structure projects when the grant pays in arrears?
    `,
    accepted: 1,
    replies: [
      {
        by: "samuel",
        body: "Have you asked the funder directly? Some foundations will pay a small advance to the *vendor of record* if the grantee asks. Worth one email.",
      },
      {
        by: "fiona",
        body: md`
          We've done about 40 of these at Commonwealth. The structure that protects both sides:

          1. **Align your milestones to the grant's reporting milestones**, word for word. Your first
             invoice is due when their first report is accepted, and the report cites your deliverable.
          2. **Make milestone 1 small and early**: discovery plus a working prototype in 4–6 weeks, so
             the grant's first payment arrives in month two, not month four.
          3. **Ask for a 10–15% mobilization fee** from the customer's reserves. Most charities can find
             that even when they can't find the rest.
          4. **Put the grant agreement's payment terms in your contract as an annex**, so everyone reads
             the same dates.

          And read the grant's eligible costs carefully: some funders pay for services but not for
          licences, which changes what you put on which invoice.
        `,
      },
      {
        by: "kwame",
        quote: { post: 2, text: "Align your milestones to the grant's reporting milestones, word for word." },
        body: "This also makes the grant report much easier to write. We draft the milestone report *for* the customer as part of the deliverable; funders notice the quality and it helps their next application.",
      },
      {
        by: "guadalupe",
        body: "Restructured the plan: a 6-week first milestone matching their first report, and a 12% mobilization fee they agreed to. Gracias @{fiona} and @{kwame}!",
      },
    ],
    chatter: [
      "Eligible costs bit us once: the funder paid for training but not configuration. Read the annex twice.",
      { by: "rosa", body: "Agree with @{fiona}: the small, early first milestone is the whole trick. Funders like seeing something working in month two as much as partners like being paid." },
    ],
  },
  {
    key: "cs-volunteer-scheduling",
    category: "community-sector",
    title: "Volunteer scheduling: native module, or integrate the volunteer platform they already use?",
    tags: ["volunteer-operations", "nonprofit", "integrations"],
    by: "samuel",
    daysAgo: 76,
    topic: "volunteer scheduling",
    body: md`
      A civic association in Denver runs 400 volunteers through a separate volunteer-scheduling app. We're
      moving their members and donors to the platform. They ask whether to move volunteer scheduling in
      too (the Volunteer module) or keep their app and integrate.

      The volunteer coordinators love their app. The executive director wants "one system". Thoughts?
    `,
    accepted: 0,
    replies: [
      {
        by: "rosa",
        body: md`
          I've seen this go wrong both ways, @{samuel}. The question I'd ask: **who needs volunteer data,
          and how fresh?**

          - If only the coordinators use shift data, and leadership needs monthly hours for funders:
            **keep their app** and sync a nightly summary (volunteer, hours, programme) into the CRM.
          - If volunteers are also donors and members and you want one view of a person's relationship:
            **sync people in both directions**, shifts one way.
          - Move into the Volunteer module only if the coordinators are part of the decision. A tool
            volunteers find harder is a tool volunteers stop using.

          A nightly summary via the integration API is small:

          ~~~json
          POST https://api.vendor.example/v2/volunteer-hours/batch
          {
            "source": "volunteer-app",
            "records": [
              { "contactExternalId": "va-1842", "programme": "Food pantry", "date": "2026-03-14", "hours": 3.5 }
            ]
          }
          ~~~

          Start there. If leadership wants more after six months, you'll know exactly what.
        `,
      },
      {
        by: "guadalupe",
        body: "We did exactly the nightly summary for a parish network in Guadalajara. Coordinators kept their app, the board got volunteer hours next to donations for the first time.",
      },
      {
        by: "siobhan",
        quote: { post: 1, text: "A tool volunteers find harder is a tool volunteers stop using." },
        body: "Can confirm from a painful project in Cork. We moved 300 volunteers to a new scheduler and lost a third of them within two months. Never again without the coordinators in the room.",
      },
      {
        by: "samuel",
        body: "Took Rosa's question to the executive director and the coordinators together. Decision: keep the app, nightly sync of hours, two-way sync of people. Everyone left the meeting happy, which I did not expect. Thank you @{rosa}!",
      },
    ],
    chatter: [
      "Volunteer hours next to donations is the report funders keep asking for. Great outcome.",
      "Watch out for duplicate people when syncing both ways. Match on email plus phone, not name.",
    ],
  },
  {
    key: "cs-cooperative-contracts",
    category: "community-sector",
    title: "Local government procurement: cooperative purchasing contract or a full RFP?",
    tags: ["local-government-procurement"],
    by: "aroha",
    daysAgo: 68,
    topic: "public procurement routes",
    body: md`
      A regional council here wants to replace its resident-request system. The procurement team says a
      full RFP takes 9–12 months. I've heard US and Australian partners talk about cooperative contracts
      and panels that skip most of that.

      How do they work, and is there an equivalent in Aotearoa?
    `,
    accepted: 0,
    replies: [
      {
        by: "denise",
        body: md`
          In the US, cooperative purchasing is how most of our city and county work is bought:

          1. One public body runs a competitive solicitation on behalf of many (a cooperative contract).
          2. Any eligible agency can then buy from that contract **without its own RFP**, often with
             just a quote and a council resolution.
          3. The vendor's software is on several of these contracts; partners are added as authorized
             resellers or service providers.

          What to check before relying on one:
          - The agency's own rules: some require three quotes even on a cooperative contract.
          - Whether *services* are on the contract, or only licences. That's where partners get stuck.
          - Spending limits above which the agency must still go to tender.

          Typical timeline for us: 6–10 weeks from first meeting to purchase order, instead of a year.
        `,
      },
      {
        by: "liam",
        body: "Australia has panels (state and federal) that work similarly: qualify once, then agencies run a short secondary process among panel members. In New Zealand look at the all-of-government contracts; @{aroha}, I think cloud services has one.",
      },
      {
        by: "grace",
        quote: { post: 1, text: "Whether *services* are on the contract, or only licences. That's where partners get stuck." },
        body: "This. We lost a county deal because the cooperative contract covered licences but capped services at 25k. Read the contract's scope before the first demo.",
      },
      {
        by: "aroha",
        body: "Found it: there's an all-of-government cloud services agreement, and the vendor's licences are on it. Services aren't, so we'll do a short secondary tender for those. Thank you @{denise} and @{liam}, this saves the council most of a year.",
      },
    ],
    chatter: [
      "Always ask the procurement team which cooperative contracts they've used before. They'll trust a familiar one faster.",
      "The council resolution step is quick but it follows the meeting calendar. Check when the next meeting is.",
    ],
  },
  {
    key: "cs-impact-metrics",
    category: "community-sector",
    title: "Impact reporting for community foundations: which metrics do funders actually read?",
    tags: ["nonprofit", "grant-funding", "data"],
    by: "kwame",
    daysAgo: 58,
    topic: "impact reporting",
    followUps: 5,
    body: md`
      We build impact dashboards for community foundations. They track 60+ indicators and their grantees
      spend days each quarter filling them in. I suspect funders read five of them.

      For those of you working with foundations: which metrics do funders and boards actually look at?
      Here's my starting list:

      | Metric | Why it might matter |
      | --- | --- |
      | People reached, unique | The headline every report starts with |
      | Grant spend vs. plan | Trust: is the money used as agreed |
      | Outcomes achieved (per programme) | The thing funders say they want |
      | Cost per outcome | What boards compare across grantees |
      | Stories (qualitative) | What gets read aloud at the board meeting |
    `,
    replies: [
      {
        by: "fiona",
        body: "Your list is close to what our foundations' boards use. I'd add **repeat funding rate**: the share of grantees funded again. Boards use it as a proxy for grantee quality.",
      },
      {
        by: "beatriz",
        body: "For education funders in Brazil: attendance and completion rates beat everything else. And they want them *by school*, not aggregated.",
      },
      {
        by: "kwame",
        quote: { post: 0, text: "Stories (qualitative) | What gets read aloud at the board meeting" },
        body: "Funny how true this is. We've added a structured \"story\" field to the quarterly form: one beneficiary, one paragraph, consent recorded. It's the most-read field in every report.",
      },
      {
        by: "samuel",
        body: "Please make the grantees' side lighter while you're at it. Our civic associations spend more time reporting than their grants are worth. Pre-fill what the CRM already knows.",
      },
    ],
    chatter: [
      "Cost per outcome is contentious with grantees. Present it with context or it punishes the hardest work.",
      "Repeat funding rate is a great one, never thought of it. Adding it to our dashboards.",
    ],
  },
  {
    key: "cs-faith-giving",
    category: "community-sector",
    title: "Faith-based customers: recording tithes, pledges and Gift Aid in the donations model",
    tags: ["faith-based", "nonprofit", "data"],
    by: "beatriz",
    daysAgo: 51,
    topic: "donation records for faith-based customers",
    body: md`
      We're implementing for a network of 30 parishes in São Paulo and Rio. They record tithes (monthly,
      often cash, sometimes envelope numbers instead of names), pledges for building campaigns, and
      one-off gifts. One of them is a UK-registered charity too, so Gift Aid comes up.

      Has anyone modelled this cleanly in the standard donations objects, or did you customize?
    `,
    accepted: 1,
    replies: [
      {
        by: "guadalupe",
        body: "We do tithes as recurring donations with a *giving envelope* external id, linked to the household rather than the person. Cash batches are entered per Sunday with a batch total that must balance before posting.",
      },
      {
        by: "siobhan",
        body: md`
          Standard objects work; a few conventions make it clean:

          - **Tithes**: recurring donation, one per household, envelope number as external id.
            Anonymous envelopes get a placeholder household per envelope, so totals still add up.
          - **Pledges**: a pledge record with a schedule; each payment is a donation linked to it, so
            you can report pledged vs. received per campaign.
          - **Gift Aid** (UK only): a declaration record per donor with start date and source; a
            donation is eligible if the donor has a valid declaration on the gift date and is a UK
            taxpayer. Claim batches go to HMRC as the usual CSV.

          A query our customers run every month to find donations missing a declaration:

          ~~~sql
          select d.id, d.amount, d.gift_date, c.full_name
          from donations d
          join contacts c on c.id = d.donor_id
          left join gift_aid_declarations g
            on g.contact_id = c.id and g.valid_from <= d.gift_date and (g.valid_to is null or g.valid_to >= d.gift_date)
          where d.gift_date >= date_trunc('month', now()) - interval '1 month'
            and c.uk_taxpayer
            and g.id is null;
          ~~~

          Keep Gift Aid switched off for the Brazilian parishes entirely; it only confuses the forms.
        `,
      },
      {
        by: "beatriz",
        quote: { post: 2, text: "Anonymous envelopes get a placeholder household per envelope, so totals still add up." },
        body: "That's the piece we were stuck on. Obrigada @{siobhan} and @{guadalupe}, we have a model the parish treasurers can follow.",
      },
      {
        by: "priya",
        body: "If the UK charity uses the vendor's Gift Aid add-on, check the declaration wording template: HMRC updated its model declaration and older templates are no longer compliant.",
      },
    ],
    chatter: [
      "Balancing cash batches before posting saved one of our churches from a very awkward audit.",
      "Households rather than people for tithes is the right call. Families give together.",
    ],
  },
  {
    key: "cs-student-privacy",
    category: "community-sector",
    title: "School district rollout: student data privacy and parental consent",
    tags: ["education", "security", "local-government-procurement"],
    by: "thiago",
    daysAgo: 44,
    topic: "student data privacy",
    body: md`
      A municipal school network (42 schools) wants to use the platform for family communications and
      enrolment. Students are minors, so the network's lawyers want to know how we handle consent,
      access to student records, and data retention after a student leaves.

      What does your standard configuration look like for K-12?
    `,
    accepted: 1,
    replies: [
      {
        by: "rafael",
        body: "We've done two Brazilian networks under LGPD. The lawyers cared most about *who* at the school can see which student, which is a sharing-model question more than a consent question.",
      },
      {
        by: "grace",
        body: md`
          Our K-12 baseline from California districts, adapted to any privacy law:

          1. **Consent** is recorded per guardian, per purpose (communications, photos, third-party
             apps), with date and channel. No purpose, no processing.
          2. **Access**: staff see students in their own school only; counsellors and nurses get extra
             fields through permission sets, audited.
          3. **Guardians** see only their own children, through the family portal; custody flags can
             block a guardian from a child's record.
          4. **Retention**: student records are anonymized 12 months after the student leaves unless
             the law requires longer; we run it as a scheduled job with a report to the district.
          5. **Audit**: field history on sensitive fields and a quarterly access review signed by each
             principal.

          The district's data protection officer signs off the configuration before any real data loads.
        `,
      },
      {
        by: "thiago",
        quote: { post: 2, text: "custody flags can block a guardian from a child's record." },
        body: "The lawyers hadn't even thought of this, and it's the first thing they asked about once I mentioned it. Thank you @{grace}, we're presenting your five points to the network next week.",
      },
      {
        by: "beatriz",
        body: "One addition for Brazil: the national education census needs specific fields. Keep them in a separate, restricted field set so the census export doesn't widen anyone's access.",
      },
    ],
    chatter: [
      "The quarterly access review signed by principals sounds heavy but takes them ten minutes with a good report.",
      "Anonymize, don't delete: the district still needs aggregate enrolment numbers years later.",
    ],
  },
  {
    key: "cs-nonprofit-eligibility",
    category: "community-sector",
    title: "Nonprofit edition eligibility: which documents does the vendor accept outside the US?",
    tags: ["nonprofit", "licensing"],
    by: "priya",
    daysAgo: 40,
    topic: "nonprofit eligibility checks",
    body: md`
      Three of our prospects were asked for a "501(c)(3) determination letter" when applying for the
      Nonprofit edition. They're a Scottish charity, an Irish company limited by guarantee and a
      community interest company in Wales.

      Which documents actually work outside the US? (Related: the seat minimum discussion in
      [this thread]({thread:lp-nonprofit-seat-minimum}).)
    `,
    accepted: 0,
    replies: [
      {
        by: "liam",
        body: md`
          The eligibility team accepts local equivalents; the form just defaults to US wording. What has
          worked for our customers and for partners I've asked:

          | Country | Accepted evidence |
          | --- | --- |
          | England & Wales | Charity Commission registration number |
          | Scotland | OSCR registration number |
          | Ireland | Charities Regulator number (CLG alone is not enough) |
          | Australia | ACNC registration |
          | New Zealand | Charities Services registration |
          | Canada | CRA charitable registration number |

          Community interest companies are **not** eligible on their own; they can apply for the
          social-enterprise discount instead. Choose "Other country" on the form and paste the number in
          the notes; the reviewer checks it on the regulator's public register.
        `,
      },
      {
        by: "siobhan",
        body: "Confirming the Irish one: our CLG customers were approved once we added the Charities Regulator number. Without it they were refused.",
      },
      {
        by: "priya",
        quote: { post: 1, text: "Community interest companies are **not** eligible on their own" },
        body: "That explains the Welsh one. Thank you @{liam}, accepting this so the table is the first thing people see.",
      },
    ],
    chatter: [
      "This table should be on the eligibility page itself. Could the vendor team copy it there?",
      { by: "hannah", body: "We're adding a country list to the eligibility form next month, based on exactly this table. Thanks @{liam}." },
    ],
  },
  {
    key: "cs-volunteer-helpdesk",
    category: "community-sector",
    title: "A volunteer-run help desk for a civic association: can it be sustainable?",
    tags: ["volunteer-operations", "nonprofit"],
    by: "denise",
    daysAgo: 33,
    topic: "volunteer-run support",
    body: md`
      A neighborhood association with 12,000 members can't afford a managed service. Their plan is a help
      desk staffed by volunteers, with us as second line for a small monthly retainer.

      Has anyone seen this work for more than a year? What made it last (or fail)?
    `,
    replies: [
      {
        by: "samuel",
        body: "It works if the volunteers have a coordinator who isn't also answering tickets. We've seen two associations make it past three years; both had a paid part-time coordinator.",
      },
      {
        by: "siobhan",
        body: md`
          What we put in place for a Dublin tenants' federation:

          - **Short shifts** (two hours, evenings) booked a month ahead
          - **Ten canned answers** covering 70% of questions, reviewed every quarter
          - **A clear handover** to us for anything involving data, permissions or payments
          - **Thanks in public**: volunteer hours in the annual report

          Three years in, still running, with about 15 active volunteers.
        `,
      },
      {
        by: "mai",
        body: "From the MSP side: make the second-line retainer cover a monthly call with the volunteer coordinator. It's where you find out things are going wrong before they do.",
      },
      {
        by: "denise",
        quote: { post: 2, text: "A clear handover to us for anything involving data, permissions or payments" },
        body: "That boundary is what their board was worried about. Thank you all, we're going ahead with a coordinator, canned answers and a monthly call.",
      },
    ],
    chatter: [
      "Public thanks in the annual report matters more to volunteers than any swag.",
      "Give volunteers read-only access by default. It prevents most of the scary tickets.",
    ],
  },
  {
    key: "cs-vpat-accessibility",
    category: "community-sector",
    title: "Municipal RFP asks for WCAG 2.2 AA and a VPAT for our add-ons",
    tags: ["local-government-procurement", "security"],
    by: "luis",
    daysAgo: 3,
    topic: "accessibility conformance in RFPs",
    body: md`
      A city RFP in Oregon requires **WCAG 2.2 AA** conformance and a VPAT (accessibility conformance
      report) for the platform *and* for every add-on we deliver, including our own resident-portal
      components. The vendor has a VPAT for the core platform. Do other partners produce their own for
      custom work, and how?
    `,
    accepted: 1,
    replies: [
      {
        by: "denise",
        body: "We reference the vendor's VPAT for the platform and write our own conformance report for our components. Cities accept that split as long as each document names what it covers.",
      },
      {
        by: "grace",
        body: md`
          Our process for the conformance report on custom components:

          1. Automated checks in the build (axe) to catch the obvious issues, on every change.
          2. A **manual audit** against WCAG 2.2 AA per component: keyboard only, screen reader (NVDA
             and VoiceOver), zoom to 400%, reduced motion.
          3. The report uses the ITI VPAT template, one row per success criterion, with "Supports",
             "Partially supports" (and why) or "Not applicable".
          4. Re-audit on every major release; the report has a date and a version.

          Don't claim "fully conformant". Cities' accessibility officers trust an honest "partially
          supports" with a remediation date far more.
        `,
      },
      {
        by: "luis",
        body: "Thanks @{grace}. We had the automated checks but never a manual audit. Booked one for the resident portal next week, and we'll write the report the honest way.",
      },
    ],
    chatter: [
      "The ITI template is long but reviewers know where to look in it. Worth using over a custom format.",
      "Testing with VoiceOver on iOS found twice as many issues as desktop for us. Residents use phones.",
    ],
  },
  {
    key: "cs-grant-clinics",
    category: "community-sector",
    title: "Mentoring offer: grant-funded project clinics every other Thursday",
    tags: ["grant-funding", "nonprofit"],
    by: "rosa",
    daysAgo: 6,
    topic: "the grant-funded project clinics",
    followUps: 5,
    body: md`
      After the threads here on [grant payments in arrears]({thread:cs-grant-arrears}) and
      [volunteer scheduling]({thread:cs-volunteer-scheduling}), several of you asked for a place to
      talk through a project plan before it goes to a funder. So: **grant-funded project clinics**, every
      other Thursday, 16:00 New York / 21:00 London, 45 minutes, free for any partner.

      Bring one project: the grant's milestones, your plan and your budget. We'll look at them together
      and you'll leave with at least one change to make. @{fiona} and @{siobhan} have kindly agreed to
      join the first sessions for UK and Irish funders.

      Reply here to get the invitation, and tell me what your project is about so I can group similar ones.
    `,
    replies: [
      { by: "guadalupe", body: "Yes please! A food bank network project with a foundation grant; the one from the arrears thread, now in milestone 2." },
      { by: "samuel", body: "Count me in. A civic association's member system, funded by a city innovation grant with quarterly reporting." },
      { by: "fiona", body: "Looking forward to it. Bring the funder's reporting template if you have it: half the useful advice is about the report, not the project." },
      { by: "thiago", body: "Interested for a school network project funded by a state education grant. Is 21:00 London too late for Brazil? It's 17:00 for us, so fine." },
      { by: "rosa", to: 4, body: "@{thiago} 17:00 in São Paulo is perfect. Invitations going out Monday to everyone who replied here." },
    ],
    chatter: [
      "This is exactly what the community-sector partners needed. Thank you for organizing it.",
      "Will the sessions be recorded? Our team in Asia-Pacific would love to watch them afterwards.",
    ],
  },
];
