import { md } from "../text";
import type { SeedThread } from "../types";

export const lounge: SeedThread[] = [
  {
    key: "pl-summit-lisbon",
    category: "lounge",
    title: "Partner summit in Lisbon: who's going, and what sessions are worth it?",
    tags: [],
    by: "ingrid",
    daysAgo: 39,
    topic: "the Lisbon summit",
    followUps: 6,
    body: md`
      The partner summit is in Lisbon this year, and the agenda is out. Five of us from Bluefjord are going.

      Who else is coming? Any sessions you'd recommend (or skip) based on last year? I'm planning to be
      at the partner advisory council's open session on Wednesday morning; come and tell us what the
      program should change.
    `,
    replies: [
      { by: "camille", body: "Three of us from Atelier! The hands-on labs were the best part last year; the keynotes are on video afterwards anyway." },
      { by: "marcus", body: "Northwind will be there. Skip the \"partner growth\" panel unless they changed the speakers; it was four people agreeing with each other." },
      { by: "liam", body: "Flying in from Sydney, so I'll be the jet-lagged one at the community-sector breakfast. Anyone doing nonprofit or council work, come along." },
      { by: "ingrid", to: 3, body: "@{liam} I'll be at that breakfast too. The council wants to hear from community-sector partners in particular this year." },
      { by: "yuki", body: "Sakura is sending two people. Is there an APAC meetup? Last year there wasn't one and we spent the evenings with the Nordics (no complaints, @{henrik})." },
      { by: "kenji", body: "@{yuki} yes, an APAC partner dinner on Tuesday evening; invitations go out next week through Partner Center." },
    ],
    chatter: [
      "Book the labs early, they fill up in a day.",
      "Comfortable shoes. Lisbon is hills all the way down.",
      "Anyone up for a run along the river on Wednesday at 7?",
    ],
  },
  {
    key: "pl-junior-consultants",
    category: "lounge",
    title: "Growing junior consultants without burning out the seniors",
    tags: [],
    by: "rohan",
    daysAgo: 19,
    topic: "growing junior consultants",
    body: md`
      We hired six graduates this year. Our four senior architects now spend half their time reviewing
      and unblocking, billable hours dropped, and two seniors told me they're tired.

      How do you grow juniors without grinding down the people who teach them?
    `,
    replies: [
      {
        by: "rosa",
        body: md`
          Been there, @{rohan}. What finally worked for us:

          - **Pairs, not pools**: each senior has at most two juniors, for six months, and that's part of
            their objectives, not on top of them.
          - **Office hours** instead of interruptions: two fixed slots a day where juniors bring questions.
            Outside those, they try first and write down what they tried.
          - **Shadow, then swap**: juniors shadow a senior on one project, then lead a similar one with the
            senior shadowing them.
          - **Budget it**: we sell juniors at a lower rate with 20% of a senior's time included in the
            estimate. Customers accept it when it's transparent.

          And the forum and partner mentoring program count: some of your juniors' questions are better
          answered by someone outside your company.
        `,
      },
      {
        by: "henrik",
        body: "\"Try first and write down what you tried\" changed everything for us. Half the questions answer themselves while being written down.",
      },
      {
        by: "valentina",
        body: "We pay seniors a small bonus per junior who passes their first certification. It made mentoring visible and valued.",
      },
      {
        by: "rohan",
        quote: { post: 1, text: "Office hours instead of interruptions: two fixed slots a day" },
        body: "Starting office hours on Monday. And thanks for the nudge toward the mentoring program, I'll get our juniors signed up.",
      },
    ],
    chatter: [
      "Pairs, not pools. Writing that on the whiteboard.",
      "Our juniors run the internal demo day once a quarter. Great for confidence and the seniors get a break.",
    ],
  },
  {
    key: "pl-council-agenda",
    category: "lounge",
    title: "Partner advisory council: what should we raise at the next meeting?",
    tags: [],
    by: "ingrid",
    daysAgo: 4,
    topic: "the council's agenda",
    followUps: 6,
    body: md`
      The partner advisory council meets in three weeks. I'd like to bring your issues, not just mine.
      What should the vendor fix, change or stop doing? One issue per reply helps me group them; vote
      with reactions on the ones you agree with.

      Already on the list from recent threads here:
      1. Web-form leads blocking deal registrations after months of inactivity
      2. The small organization waiver missing from nonprofit renewal notices
      3. Marketplace fees when the partner-originated flag is set late
    `,
    replies: [
      { by: "olivia", body: "Partner Center's deal registration view should show which discount band applies. We email our partner manager for every single deal." },
      { by: "fiona", body: "Grant-funded deals need longer registration periods. Funders take 4–6 months to decide and our registrations expire before the customer can buy." },
      { by: "jessica", body: "Support escalations for MSPs: a dedicated partner line for severity A, so we don't queue behind end customers." },
      { by: "denise", body: "Cooperative contracts: the vendor should publish which ones include partner services, not just licences." },
      { by: "camila", body: "Training and exams in Spanish and Portuguese at the same time as English, not six months later." },
      {
        by: "ingrid",
        quote: { post: 2, text: "Grant-funded deals need longer registration periods." },
        body: "Good one, and it connects with the budget-source field in the new registration form. I'll propose a \"grant pending\" status with a 270-day registration. Keep them coming, everyone.",
      },
    ],
    chatter: [
      "+1 to exams in Spanish at launch. Our team waited eight months last time.",
      "Please raise the MDF claim process. Three forms for one event is too many.",
      "A partner line for severity A would change our nights. Strongly agree with Jessica.",
    ],
  },
];
