import { md } from "../text";
import type { SeedThread } from "../types";

export const managedServices: SeedThread[] = [
  {
    key: "ms-p1-escalation",
    category: "managed-services",
    title: "Escalating P1s to vendor support as an MSP: what's your runbook?",
    tags: ["managed-services"],
    by: "dilani",
    daysAgo: 86,
    topic: "P1 escalations to vendor support",
    body: md`
      We run 24/7 support for 30 customers from Colombo. Last month a customer's production database went
      read-only at 02:00 our time and it took us **50 minutes** to get a vendor engineer on the phone:
      wrong severity on the ticket, wrong support plan selected, then a callback to the wrong number.

      What does your P1 escalation runbook look like? Which details do you prepare in advance per customer?
    `,
    accepted: 0,
    replies: [
      {
        by: "jessica",
        body: md`
          Ours fits on one page per customer, kept in the service desk tool next to the customer record.

          **Prepared in advance, per customer**
          - Tenant id, support plan and the *partner-led support* contract number
          - The customer's authorization letter letting us open tickets on their behalf (upload it to the
            support portal once; it's valid for a year)
          - Two callback numbers that are staffed at night (never a personal mobile)

          **Severity, the vendor's definitions, not ours**

          | Severity | Vendor definition | Response target |
          | --- | --- | --- |
          | A | Production down or data loss risk | 15 min, 24/7 |
          | B | Production degraded | 1 h, 24/7 on premium plans |
          | C | Non-production or workaround exists | 4 business hours |

          **At the moment of escalation**
          1. Open the ticket at severity A *by phone* and reference the web ticket id; phone is what starts the 15-minute clock.
          2. Ask for the incident to be linked to any service health event for that region.
          3. Post a status update to the customer every 30 minutes, even if it says "no news".

          Since we started doing this our median time to a vendor engineer on a severity A is 12 minutes.
        `,
      },
      {
        by: "weijie",
        body: "The authorization letter is the one everyone forgets. We also keep it in the customer's onboarding checklist so it's renewed every year automatically.",
      },
      {
        by: "dilani",
        quote: { post: 1, text: "Open the ticket at severity A *by phone* and reference the web ticket id; phone is what starts the 15-minute clock." },
        body: "We were opening web tickets and waiting. That explains most of our 50 minutes. Thank you @{jessica}, your one-pager is now our template for all 30 customers.",
      },
      {
        by: "mai",
        body: "We added a dry run: once a quarter, the night shift opens a severity C test ticket for a random customer using only the runbook. It catches stale phone numbers every single time.",
      },
    ],
    chatter: [
      "Status updates every 30 minutes even with no news: customers forgive slow fixes, not silence.",
      "Does anyone have the vendor's support plan matrix as a table? The PDF is six pages.",
    ],
  },
  {
    key: "ms-pricing-model",
    category: "managed-services",
    title: "Pricing managed services: per user, per workload or a platform fee?",
    tags: ["managed-services", "pricing"],
    by: "rohan",
    daysAgo: 70,
    topic: "managed services pricing",
    followUps: 5,
    body: md`
      We're launching a managed services practice at Indus after years of project work. Our first
      three customers have wildly different shapes: one has 2,000 users and 4 workloads, one has 80 users
      and 25 workloads.

      Per-user pricing loses money on the second, per-workload on the first. How do you price?
    `,
    accepted: 1,
    replies: [
      {
        by: "weijie",
        body: "We price per workload with size tiers (S/M/L by resource count). Users are the customer's IT team's problem, not ours. But we only do infrastructure, not end-user support.",
      },
      {
        by: "rosa",
        body: md`
          After getting this wrong twice, we settled on **a platform fee plus units**, @{rohan}:

          - **Platform fee** (fixed, monthly): monitoring, patching, backups, security baseline, the
            monthly service review. Covers your fixed cost per customer, which is bigger than people think.
          - **Units** for what scales: workloads by size tier, plus a per-user component *only* if you
            provide end-user support.
          - **A floor**: no contract below the cost of one engineer-day a month.

          For your two examples that gives roughly:

          | Customer | Platform fee | Workloads | Users | Total / month |
          | --- | --- | --- | --- | --- |
          | 2,000 users, 4 workloads | 2,500 | 4 × M = 2,400 | 2,000 × 1.5 = 3,000 | 7,900 |
          | 80 users, 25 workloads | 2,500 | 25 × S = 7,500 | none | 10,000 |

          And review every customer's actual effort after six months; the first estimate is always wrong
          for one of them.
        `,
      },
      {
        by: "jessica",
        quote: { post: 2, text: "Platform fee (fixed, monthly): monitoring, patching, backups, security baseline, the monthly service review." },
        body: "The monthly service review is the part customers value most and the part new MSPs give away. Price it in, like Rosa does.",
      },
      {
        by: "rohan",
        body: "Platform fee plus units it is. Ran our three customers through it and all three come out profitable, which wasn't true of either of our earlier models. Thank you @{rosa}!",
      },
    ],
    chatter: [
      "A floor price is the thing I wish we'd had from day one. Tiny customers took 30% of our time.",
      "We call the platform fee 'service foundation'. Customers push back less on the name than on 'platform fee', oddly.",
    ],
  },
  {
    key: "ms-monitoring-thresholds",
    category: "managed-services",
    title: "Monitoring alerts: what thresholds do you set for customer databases?",
    tags: ["managed-services", "data"],
    by: "rafael",
    daysAgo: 55,
    topic: "database alert thresholds",
    body: md`
      Our night shift gets ~120 database alerts a week across education customers, and maybe five of them
      need action. The rest is CPU spikes during batch jobs and storage warnings that resolve themselves.

      What thresholds and evaluation windows do you use? Do you alert differently for production and the rest?
    `,
    accepted: 0,
    replies: [
      {
        by: "weijie",
        body: md`
          We moved from static thresholds on single metrics to fewer, slower alerts that mean something.
          Our production baseline, as the alert rule file we deploy to every customer:

          ~~~yaml
          alerts:
            - name: db-cpu-sustained
              metric: cpu_percent
              condition: avg > 85
              window: 30m        # batch spikes of 5–10 minutes don't page anyone
              severity: warning
            - name: db-storage-forecast
              metric: storage_used_percent
              condition: forecast(7d) > 95
              severity: critical  # alert on the trend, not on 80% today
            - name: db-connections-exhausted
              metric: connection_failures
              condition: sum > 20
              window: 5m
              severity: critical
            - name: db-replication-lag
              metric: replica_lag_seconds
              condition: max > 300
              window: 10m
              severity: critical
          ~~~

          Non-production gets the same rules at *warning* only, delivered as a daily digest. Our alert
          volume dropped by about 80% and nothing important was missed in six months.
        `,
      },
      {
        by: "dilani",
        quote: { post: 1, text: "condition: forecast(7d) > 95" },
        body: "Forecast-based storage alerts were the biggest win for us too. A disk at 80% that grows 0.1% a week is not an emergency.",
      },
      {
        by: "rafael",
        body: "Deployed Wei Jie's rule set to two customers this week as a pilot. Alerts went from 31 to 4 in five days, and all 4 were real. Obrigado @{weijie}!",
      },
    ],
    chatter: [
      "Do you tune the CPU window per customer? Our ERP customers run 45-minute batch jobs.",
      "Replication lag at 300 s might be too relaxed for some; we use 120 s on the read replicas behind reporting.",
    ],
  },
  {
    key: "ms-knowledge-base",
    category: "managed-services",
    title: "Structuring a knowledge base for a service desk that supports 40 customers",
    tags: ["managed-services"],
    by: "mai",
    daysAgo: 36,
    topic: "service desk knowledge bases",
    body: md`
      Our service desk in Melbourne supports 40 customers, and our knowledge base has grown into 1,100
      articles that nobody can find anything in. Half are customer-specific, half generic, and there are
      at least three articles called "Password reset".

      How do you structure yours? One knowledge base per customer, or one with tags?
    `,
    replies: [
      {
        by: "dilani",
        body: "One knowledge base, two layers: generic *how-to* articles owned by the service desk, and a short *customer profile* per customer that links to the generic ones and lists only what's different. No customer-specific copies of generic steps, ever.",
      },
      {
        by: "jessica",
        body: "We review every article that hasn't been used in 12 months: update, merge or archive. Took a month the first time; now it's an hour a week.",
      },
      {
        by: "mai",
        quote: { post: 1, text: "No customer-specific copies of generic steps, ever." },
        body: "This is the rule we're missing. We'll start with the password reset articles, all seven of them.",
      },
    ],
    chatter: [
      "Track which articles analysts use while closing tickets. It tells you what to keep better than any survey.",
      "We put the customer profile at the top of every ticket view. Analysts actually read it there.",
    ],
  },
  {
    key: "ms-restore-tests",
    category: "managed-services",
    title: "Backup restore tests: quarterly or monthly for council customers?",
    tags: ["managed-services", "security"],
    by: "aroha",
    daysAgo: 16,
    topic: "restore testing",
    body: md`
      Two of our local council customers in Aotearoa want evidence of restore tests for their audit.
      Right now we test restores quarterly, on one database per customer.

      Their auditor says "regularly", which helps nobody. What do others do, and what evidence do you give?
    `,
    accepted: 0,
    replies: [
      {
        by: "tyler",
        body: md`
          What passes audits for our public-sector customers:

          - **Monthly**: automated restore of every production database into an isolated test
            environment, with row counts compared against the source. Runs as a pipeline; costs a few
            dollars of compute.
          - **Quarterly**: a full application-level restore, where someone from the customer checks the
            app works, signs off, and we keep the sign-off.
          - **Yearly**: a disaster recovery exercise to the secondary region.

          Evidence: the pipeline's run log, the signed quarterly checklist and the DR report. Auditors love
          dated, signed documents more than anything else.
        `,
      },
      {
        by: "grace",
        body: "Same in California counties. Having the customer sign the quarterly restore is what auditors remember, because it proves the *customer* knows restores work.",
      },
      {
        by: "aroha",
        body: "Thank you @{tyler}, that's the structure we'll propose: monthly automated, quarterly signed, yearly DR. The auditor already said yes to it in principle.",
      },
    ],
    chatter: [
      "Automated monthly restores also catch backups that silently stopped. Happened to us once, never again.",
      { by: "liam", body: "We use the same three layers for our councils in New South Wales. Happy to share the quarterly sign-off template, @{aroha}." },
    ],
  },
];
