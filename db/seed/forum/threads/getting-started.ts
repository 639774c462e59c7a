import { emailOf, profileOf, type Alias } from "../cast";
import { md } from "../text";
import type { SeedReply, SeedThread } from "../types";

const newcomers: Alias[] = [
  "olivia", "sofie", "kwame", "youssef", "mateo", "aroha", "rafael", "lotte", "mai", "samuel",
  "ananya", "anna", "sebastian", "weijie", "guadalupe",
];

/** Introductions read like the people who write them: built from their own profiles. */
function introduction(alias: Alias, i: number): SeedReply {
  const p = profileOf(emailOf(alias));
  const first = p.name.split(" ")[0];
  const openers = [`Hi all, ${first} here.`, `Hello from ${p.city}!`, `Hi everyone, I'm ${first}.`, `Hey all!`];
  const offers = [
    `Happy to help with anything on ${p.expertise.slice(0, 2).join(" or ").toLowerCase()}.`,
    `If you work on ${p.expertise[0].toLowerCase()}, say hello; I'd love to compare notes.`,
    `Ask me about ${p.expertise.join(", ").toLowerCase()}.`,
  ];
  return {
    by: alias,
    body: [
      `${openers[i % openers.length]} ${p.title} at ${p.organizationName}, working from ${p.city}.`,
      p.bio,
      `${offers[i % offers.length]} I speak ${p.languages.join(", ")}.`,
    ].join("\n\n"),
  };
}

export const gettingStarted: SeedThread[] = [
  {
    key: "gs-introductions",
    category: "getting-started",
    title: "Introduce yourself: who are you and what does your practice do?",
    tags: [],
    by: "laura",
    daysAgo: 88,
    topic: "introductions",
    followUps: 0,
    body: md`
      Welcome to the partner community! This is the place to ask the questions the official
      documentation doesn't answer, and to find the partner who already solved your problem.

      Start by telling us:

      1. Who you are and where you work from
      2. What your practice does (implementation, migration, managed services, something else)
      3. One thing you could help other partners with

      A few ground rules: be specific, share config and steps rather than "DM me", and never post
      customer data. The moderators (@{noah} and @{kenji}) are around if anything needs attention.
    `,
    replies: [
      { by: "noah", body: "Hi all, Noah from the vendor community team in Berlin. I'll be around most European afternoons; flag anything that looks off and I'll take a look. Looking forward to reading your introductions!" },
      ...newcomers.map(introduction),
      { by: "kenji", body: "Welcome everyone! Kenji here, covering the APAC categories from Tokyo. It's great to see so many community-sector partners introducing themselves; the **Community sector** category is the place for grant-funded and volunteer-run projects." },
    ],
  },
  {
    key: "gs-first-90-days",
    category: "getting-started",
    title: "First 90 days in the partner program: what would you do differently?",
    tags: ["certification"],
    by: "jordan",
    daysAgo: 81,
    topic: "a partner's first 90 days",
    body: md`
      We signed the partner agreement in spring and I'm the first consultant at Maple & Pine who works
      on the platform full time. We have two small CRM projects closed and a pipeline that's mostly
      "interested, call us next quarter".

      For those of you who've been in the program for a while: if you were starting over, what would
      you do in the first 90 days? I'm especially unsure about:

      - which certifications actually matter to customers vs. to the partner tier
      - whether to register every lead or only the real ones
      - how to get noticed by the vendor's partner manager

      Any advice appreciated.
    `,
    accepted: 1,
    replies: [
      {
        by: "olivia",
        body: "Jordan's my colleague, so consider this a +1 from the founder: we want to hear what *didn't* work for you as much as what did.",
      },
      {
        by: "rosa",
        body: md`
          Welcome, @{jordan}! Twelve years in, here's what I'd do again and what I'd skip.

          **Weeks 1–4: one certification, one reference**
          - Take the *Implementation Associate* exam first. Customers never ask, but it unlocks the
            partner sandbox allowance and the tier points count.
          - Pick your best customer so far and ask for a short reference call *now*, while they're happy.

          **Weeks 5–8: a repeatable offer**
          - Turn what you did on those two projects into a fixed-scope package ("CRM quick start, 6 weeks").
            A named package is far easier for the vendor's field team to remember than "we do CRM".

          **Weeks 9–12: get known**
          - Register only real opportunities (budget, timeline, a named contact). A rejected registration
            costs you credibility with the partner manager.
          - Ask your partner manager for 20 minutes to walk through your package. Bring the reference.

          What I'd skip: the marketing development funds application in the first quarter. The paperwork
          is heavy and you need a track record for it to be approved anyway.
        `,
      },
      {
        by: "marcus",
        quote: { post: 2, text: "A named package is far easier for the vendor's field team to remember than \"we do CRM\"." },
        body: "This, a hundred times. Our co-selling took off the month we stopped describing ourselves and started naming offers. The field reps forward a one-pager; they don't forward a capabilities deck.",
      },
      {
        by: "henrik",
        body: "One thing to add from the Nordics: find the two or three partners who are *not* your competitors (different region or specialty) and agree to refer overflow to each other. Half our first-year work came from a data partner who didn't do CRM.",
      },
      {
        by: "jordan",
        to: 2,
        body: "Thank you @{rosa}, this is exactly what I needed. Booking the Associate exam for next month and drafting the quick-start package this week. I'll share the one-pager here once it exists.",
      },
    ],
    chatter: [
      "The reference call advice is underrated. We waited a year to ask our first customer and by then their sponsor had left.",
      "If you're in Canada, the partner manager runs office hours every second Tuesday. Worth showing up.",
      { by: "laura", body: "Great thread. We're using some of these answers to rework the onboarding checklist in the partner portal; thanks all." },
    ],
  },
  {
    key: "gs-first-certification",
    category: "getting-started",
    title: "Which certification should a three-person CRM team take first?",
    tags: ["certification"],
    by: "mateo",
    daysAgo: 74,
    topic: "the certification path",
    body: md`
      We're three consultants in Lima, mostly small-business CRM and some cloud work. The certification
      catalogue has 14 exams now and I can't tell which ones move us from *Registered* to *Silver*.

      Is it the number of certified people, the number of different certifications, or something else?
      The partner guide PDF contradicts itself between page 12 and the tier table at the end.
    `,
    accepted: 1,
    replies: [
      {
        by: "camila",
        body: "Same question from our Bogotá team last year. The short version: the tier counts *people with at least one current certification*, and Silver also needs one specialization. @{priya} knows the rules better than anyone here.",
      },
      {
        by: "priya",
        body: md`
          @{camila} is right. I do our program admin, so here's how it's actually counted (checked against
          the [partner program guide](https://partners.vendor.example/program/guide#tiers) last week):

          | Tier | Certified people | Specializations | Customer references |
          | --- | --- | --- | --- |
          | Registered | 0 | 0 | 0 |
          | Silver | 2 | 1 | 1 |
          | Gold | 5 | 2 | 3 |
          | Platinum | 12 | 3 | 8 |

          For a three-person CRM team I'd do:

          1. Two of you take **Implementation Associate** (counts as "certified person").
          2. One of you takes **CRM Implementation Expert**, which *is* the specialization exam.
          3. Log the reference in Partner Center under *Program → Evidence* (not in the deal record).

          Page 12 of the PDF still describes last year's rules; the table at the end is current.
        `,
      },
      {
        by: "mateo",
        body: "That table is clearer than the whole PDF. Thank you @{priya}! Two of us are booked for the Associate exam in three weeks.",
      },
    ],
    chatter: [
      "Note that certifications expire after two years now, not three. Put the renewal dates in a shared calendar.",
      "The practice exams in the learning portal are much harder than the real Associate exam, don't be discouraged.",
    ],
  },
  {
    key: "gs-sandbox-demos",
    category: "getting-started",
    title: "Demo environments: may we keep a customer's copy of data in our partner sandbox?",
    tags: ["licensing", "security"],
    by: "jordan",
    daysAgo: 46,
    topic: "what the partner sandbox may hold",
    body: md`
      A prospect wants a demo "with our own data", and sent us a 20,000-row export of their contacts.
      Our partner sandbox has room, but I'm not sure the partner agreement allows it, or whether the
      prospect's data protection people would be happy.

      What do others do? Build a fake dataset that looks like theirs, or use a trial org in their name?
    `,
    accepted: 1,
    replies: [
      {
        by: "tyler",
        body: "Don't load a prospect's real contacts into your sandbox. Even if the agreement allowed it, you'd become a processor of their personal data without a DPA. We generate look-alike data instead; the field names and volumes are what sells the demo.",
      },
      {
        by: "hannah",
        body: md`
          Vendor channel team here, to make it official:

          - The **partner sandbox** is for your own demos and training. Customer personal data must not go in
            it (section 7.3 of the partner agreement).
          - For a demo on the prospect's own data, start a **customer trial** in the prospect's name from
            Partner Center → *Opportunities → Start trial*. The prospect accepts the trial terms, the data
            stays theirs, and the trial is linked to your registered opportunity.
          - Trials last 30 days; your partner manager can extend one to 60.

          The trial route also protects your deal registration: activity in a linked trial counts as
          partner influence.
        `,
      },
      {
        by: "ethan",
        body: md`
          For the look-alike data, this is what we use to generate contacts from a template CSV:

          ~~~bash
          vcli data generate \\
            --template contacts-template.csv \\
            --rows 20000 \\
            --locale en_CA,fr_CA \\
            --out demo-contacts.csv
          ~~~

          Then import with the standard data loader. Takes five minutes and nobody's privacy is at stake.
        `,
      },
      {
        by: "jordan",
        body: "Thanks @{hannah}, that's the clear answer I needed, and @{ethan}'s generator command is going straight into our demo checklist. Trial started in the prospect's name.",
      },
    ],
    chatter: [
      "We also strip the export from our mailbox once the trial is set up. Less to explain in an audit.",
    ],
  },
];
