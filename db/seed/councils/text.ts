/** What the demo council says: believable, and nothing a visitor should ever see. */
export const COUNCIL_TEXT = {
  charter: {
    name: "Partner Advisory Council",
    objective: "Give the vendor's channel team candid partner advice on the partner programme, pricing and enablement before decisions are made.",
    meetingFrequency: "Quarterly",
    expectedCommitment: "Four 90-minute meetings a year, plus async review of proposals",
    termsText:
      "Everything shared in this council (roadmaps, pricing, programme changes and other members' business information) is confidential under your partner agreement's NDA. Do not share it outside the council, including with colleagues, until the vendor announces it.",
  },
  thread: {
    title: "Draft: next year's MDF allocation model",
    body: "The channel team shared a draft allocation model for market development funds. It moves 20% of MDF from tier-based to performance-based.\n\nWhat would this mean for your business? Please be candid; this stays in the council.",
  },
  replies: [
    "For us the performance part is fine, but please count community-sector deals: they are smaller and would lose out.",
    "Agree. Also: a quarterly true-up instead of annual, or smaller partners cannot plan.",
    "I will bring numbers from our Nordic partners to the next meeting.",
  ],
  pastMeeting: { title: "Q3 council meeting", location: "Video call", callLink: "https://meet.example.test/pac-q3" },
  nextMeeting: { title: "Q4 council meeting", location: "Stockholm office, room Vega", callLink: "https://meet.example.test/pac-q4" },
  proposal: {
    title: "Count community-sector deals at 1.5x in performance-based MDF",
    body: "Community-sector deals are smaller but strategic. We propose that they count **1.5 times** their value when MDF is allocated by performance.",
    options: ["Yes", "No", "Abstain"],
  },
  minutes: "## Q3 council meeting\n\n**Present:** chair and two members.\n\n### MDF allocation model\nThe council supports performance-based MDF with a quarterly true-up.\n\n### Decision\nThe proposal to count community-sector deals at 1.5x passed.\n\n### Actions\n- Chair shares the MDF rollout plan with the channel team.",
};
