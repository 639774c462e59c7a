import { md } from "../text";
import type { SeedThread } from "../types";

export const implementation: SeedThread[] = [
  {
    key: "im-sql-cutover",
    category: "implementation",
    title: "Cutover plan for a 4 TB on-prem SQL Server to the managed database service",
    tags: ["migration", "data"],
    by: "vikram",
    daysAgo: 84,
    topic: "large database cutovers",
    body: md`
      Customer: a lending company in Pune, one 4 TB SQL Server 2016 database, about 300 GB of change a
      day. The business will give us a **4-hour** cutover window on a Sunday, no more.

      The migration service's docs suggest an online migration with continuous sync, but our test run
      fell behind during the nightly batch jobs and never caught up. Has anyone done a database this
      size? How did you plan the cutover, and what did you do about the batch window?
    `,
    accepted: 0,
    replies: [
      {
        by: "aisha",
        body: md`
          We did a 5.5 TB one for a logistics customer last year. What made it work:

          1. **Seed from a backup, not from the live database.** Restore the latest full backup into the
             target, then start continuous sync from that LSN. The initial copy over the wire was what
             put you behind.
          2. **Size the sync for the batch peak, not the average.** We ran the replication instance two
             sizes up for the migration weeks.
          3. **Pause the non-essential batch jobs** for the last three nights before cutover (agree it
             with the business early).

          The commands we used, roughly:

          ~~~bash
          vcli db migration create \\
            --source "sqlserver://onprem-sql01:1433/lending" \\
            --target "managed-sql://lending-prod" \\
            --mode online \\
            --seed-from-backup "https://backups.customer.example/lending/full-2026-03-01.bak" \\
            --sync-tier xl

          vcli db migration status --name lending --watch
          ~~~

          Cutover runbook (our 4-hour window, actual times):

          | Step | Planned | Actual |
          | --- | --- | --- |
          | Stop application writes | 00:00 | 00:00 |
          | Drain sync, lag = 0 | 00:20 | 00:12 |
          | Row counts + checksums on 40 key tables | 01:00 | 00:55 |
          | Switch connection strings | 01:15 | 01:05 |
          | Smoke tests by the business | 02:30 | 02:10 |
          | Go / no-go | 03:00 | 02:20 |

          Keep the last hour as rollback time. We never needed it, but the customer slept better knowing it was there.
        `,
      },
      {
        by: "vikram",
        quote: { post: 1, text: "Seed from a backup, not from the live database." },
        body: "That's the piece we were missing. We were doing the initial load over the VPN. Will try the backup seed this week and report back.",
      },
      {
        by: "ananya",
        body: "@{vikram} also check the compatibility level before cutover. We had two stored procedures relying on a deprecated date conversion that only failed in the target under load.",
      },
      {
        by: "vikram",
        body: "Update: backup seed + xl sync tier and the lag stayed under 4 minutes through the nightly batch. Cutover done in 2h40m on Sunday. Thanks @{aisha} and @{ananya}!",
      },
    ],
    chatter: [
      "Checksums on the key tables are the step people skip and regret. Good call putting it in the runbook.",
      "How did you handle the SQL Agent jobs? We re-created ours as scheduled functions and it took longer than the data.",
    ],
  },
  {
    key: "im-landing-zone",
    category: "implementation",
    title: "Landing zone baseline: what do you put in every customer's first subscription?",
    tags: ["migration", "security"],
    by: "thiago",
    daysAgo: 79,
    topic: "landing zone baselines",
    body: md`
      We're standardising how we start projects at Ponte. Right now every architect sets up the first
      subscription differently, and then the managed services team inherits five different shapes.

      What's in your baseline before the first workload lands? Policies, network, identity, logging?
      Do you use the vendor's landing zone accelerator as is, or your own modules?
    `,
    accepted: 1,
    replies: [
      {
        by: "diego",
        body: "We use the accelerator but pin it to a tagged version and override about a third of the defaults. Using it unpinned bit us when an update changed the default log retention.",
      },
      {
        by: "rosa",
        body: md`
          Settling this early is the best thing you can do for your managed services margin, @{thiago}.
          Our baseline at Northwind, in the order we apply it:

          1. **Management groups**: \`platform\`, \`landing-zones/prod\`, \`landing-zones/nonprod\`, \`sandbox\`.
          2. **Identity**: SSO with the customer's IdP, break-glass accounts (two, hardware keys, monitored),
             no standing owner rights; just-in-time elevation for everyone including us.
          3. **Policy**: allowed regions, required tags (\`owner\`, \`cost-center\`, \`data-class\`), deny public IPs
             on databases, diagnostic settings on everything.
          4. **Network**: hub and spoke, one hub per region, private endpoints by default.
          5. **Logging**: a central workspace, 90 days hot, one year archive; activity logs exported from day one.
          6. **Budgets**: an alert at 80% of each subscription's monthly budget to the customer *and* to us.

          We keep it in our own module that wraps the accelerator, pinned:

          ~~~hcl
          module "landing_zone" {
            source  = "registry.vendor.example/partners/landing-zone/cloud"
            version = "4.2.1"

            allowed_regions = ["brazilsouth", "eastus2"]
            required_tags   = ["owner", "cost-center", "data-class"]
            log_retention   = { hot_days = 90, archive_days = 365 }
            break_glass     = { accounts = 2, alert_email = var.customer_security_contact }
          }
          ~~~

          ![Hub and spoke layout with the platform and landing zone management groups](https://docs.vendor.example/images/landing-zone-hub-spoke.png)

          The managed services team signs off the baseline before any workload lands. That one rule
          stopped the "five different shapes" problem for us.
        `,
      },
      {
        by: "aisha",
        quote: { post: 2, text: "no standing owner rights; just-in-time elevation for everyone including us." },
        body: "Worth underlining. Customers' auditors now ask for this explicitly, and it's far easier to start that way than to take rights away from people later.",
      },
      {
        by: "thiago",
        body: "This is great, thank you @{rosa}. We're adopting the six steps as our template and the managed services sign-off as a gate. The budget alert to both sides is a nice touch.",
      },
      {
        by: "lukas",
        body: "For EU customers add a policy that denies storage replication outside the EU regions. The default geo-redundant pairing isn't always inside the EU, which surprises people.",
      },
    ],
    chatter: [
      "Pinning the accelerator version should be in the vendor docs in bold. We learned it the same way Diego did.",
      "Do you put the sandbox management group under the same policies? We keep it looser but with a hard budget cap.",
    ],
  },
  {
    key: "im-scim-duplicates",
    category: "implementation",
    title: "SSO with SCIM provisioning keeps creating duplicate users",
    tags: ["integrations", "security"],
    by: "camila",
    daysAgo: 67,
    topic: "SCIM duplicate users",
    body: md`
      Customer in Bogotá, 1,200 users, their IdP provisions users to the platform over SCIM. Since we
      switched from the manual CSV import to SCIM, every user who existed before gets a *second* account,
      with the same email and a \`_1\` suffix on the username.

      The IdP logs show a \`POST /Users\` for each of them instead of a \`PATCH\`. What are we missing?
    `,
    accepted: 0,
    replies: [
      {
        by: "youssef",
        body: md`
          Classic one: the IdP has no \`externalId\` for the users you imported by CSV, so it can't match them
          and creates new ones. Fix it in two steps:

          1. Back-fill \`externalId\` on the existing users with the IdP's immutable id (not the email):

          ~~~bash
          curl -X PATCH "https://api.vendor.example/scim/v2/Users/$USER_ID" \\
            -H "Authorization: Bearer $SCIM_TOKEN" \\
            -H "Content-Type: application/scim+json" \\
            -d '{
              "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
              "Operations": [{ "op": "add", "path": "externalId", "value": "00u8f3k2LqZ" }]
            }'
          ~~~

          2. In the IdP's provisioning settings, set the matching attribute to \`externalId\` and turn on
             "match existing users before create".

          Then delete the \`_1\` duplicates (they have no activity yet, check first) and re-run provisioning
          for one test group before the whole directory.
        `,
      },
      {
        by: "sebastian",
        body: "If it helps, I have a small script that reads the IdP export and generates the PATCH calls in batches of 100 with retry on 429. Happy to share; @{camila} I'll send it over.",
      },
      {
        by: "camila",
        quote: { post: 1, text: "the IdP has no `externalId` for the users you imported by CSV, so it can't match them" },
        body: "That was exactly it. Back-filled 1,180 users with Sebastián's script, cleaned the duplicates, and the next sync was all PATCHes. Thank you both!",
      },
      {
        by: "tyler",
        body: "Also lock down who can create users outside SCIM once it's live; otherwise someone in the helpdesk creates a manual account next month and you're back here.",
      },
    ],
    chatter: [
      "Same issue with a customer moving IdPs. Matching on email looks tempting but breaks when people change names.",
      "Bookmarking for the PATCH body alone, the docs example has the schema URN wrong.",
    ],
  },
  {
    key: "im-eu-backups",
    category: "implementation",
    title: "Data residency for EU customers: where do the backups actually live?",
    tags: ["security", "data"],
    by: "camille",
    daysAgo: 59,
    topic: "EU data residency",
    body: md`
      A French retail customer's DPO asks for written confirmation that *all* copies of their data stay
      in the EU: primary, replicas, backups, logs, support snapshots.

      The residency page says "customer data is stored in the selected region", but says nothing about
      backups or what support engineers can pull. Has anyone gone through this with a DPO already?
    `,
    accepted: 1,
    replies: [
      {
        by: "katrin",
        body: "We have this conversation with every German public-sector customer. The short answer is that it's configurable, and the defaults are *not* all EU. @{lukas} did the detailed review for us.",
      },
      {
        by: "lukas",
        body: md`
          Here's what we verified, per data copy, for the EU data boundary:

          | Copy | Default location | How to keep it in the EU |
          | --- | --- | --- |
          | Primary data | Selected region | Nothing to do |
          | Zone replicas | Same region | Nothing to do |
          | Geo-redundant backups | Paired region (may be outside the EU) | Set backup redundancy to \`zone\` or choose an EU pair |
          | Diagnostic logs | Workspace region | Keep the workspace in the EU |
          | Support snapshots | Global support | Enable *EU support boundary* in the tenant settings |

          You can check the backup setting across all databases with:

          ~~~bash
          vcli db list --query "[].{name:name, region:region, backup:backupRedundancy}" -o table
          ~~~

          And for the DPO: the [EU data boundary documentation](https://docs.vendor.example/trust/eu-data-boundary)
          plus the data processing addendum, annex 3, is what their lawyers will want. We attach both to
          our residency statement.
        `,
      },
      {
        by: "camille",
        body: "Merci @{lukas}, the table is exactly the format our DPO wanted. Two databases had geo-redundant backups to a non-EU pair; fixed.",
      },
    ],
    chatter: [
      "The EU support boundary setting is off by default for tenants created before last year. Check it on older customers.",
      { by: "anna", body: "Swiss customers ask the same with an extra twist: some want Switzerland only, not EU. Possible with zone redundancy in the Zurich region." },
    ],
  },
  {
    key: "im-crm-dedupe",
    category: "implementation",
    title: "Migrating legacy CRM data: dedupe before the load or after?",
    tags: ["migration", "data"],
    by: "ethan",
    daysAgo: 53,
    topic: "CRM data deduplication",
    body: md`
      Moving a distributor from a 15-year-old on-prem CRM: 400k accounts, 1.1M contacts, and we estimate
      20–25% duplicates. The customer wants a clean system on day one.

      Do you dedupe in a staging database before loading, or load everything and use the platform's
      duplicate rules afterwards? Trying to decide before we write the statement of work.
    `,
    accepted: 1,
    replies: [
      {
        by: "ola",
        body: "After, in my experience. The platform's matching rules are good and the customer's data stewards can review merges in the UI. Staging-database dedupe becomes a black box only the partner understands.",
      },
      {
        by: "sofie",
        body: md`
          Before, for the bulk; after, for the long tail. We do both:

          1. **Before**: deterministic matches in staging (same tax id, same normalized email, same
             phone + postcode). That's usually 70–80% of the duplicates and nobody needs to review them.
          2. **Load** with the legacy id kept in an external id field, so every merge is traceable.
          3. **After**: fuzzy matches (names, addresses) go through the platform's duplicate rules and
             the data stewards review them in the UI.

          The deterministic pass in SQL is short:

          ~~~sql
          select tax_id, min(legacy_id) as survivor, array_agg(legacy_id) as merged
          from staging.accounts
          where tax_id is not null
          group by tax_id
          having count(*) > 1;
          ~~~

          Put the two phases in the SOW separately, with the steward review as the customer's effort.
          That's where these projects blow their budgets.
        `,
      },
      {
        by: "jordan",
        quote: { post: 2, text: "Put the two phases in the SOW separately, with the steward review as the customer's effort." },
        body: "Taking this for our own SOW template too. We ate 60 hours of review last time because it wasn't written down.",
      },
      {
        by: "ethan",
        body: "Thanks @{sofie}, going with the two-phase approach. The external id for traceability convinced the customer's finance team.",
      },
    ],
    chatter: [
      "Keep the merged legacy ids somewhere queryable. Two years later someone always asks where an old account went.",
      "Normalizing phone numbers to E.164 before matching took our deterministic hit rate from 60% to 78%.",
    ],
  },
  {
    key: "im-webhook-retries",
    category: "implementation",
    title: "Webhook retries from the events API are hammering our integration",
    tags: ["integrations"],
    by: "sebastian",
    daysAgo: 38,
    topic: "webhook retries",
    body: md`
      We built an e-invoicing integration for a Chilean customer that listens to \`invoice.finalized\`
      webhooks. When the tax authority's API is slow, our handler takes 20–30 s, the platform times out,
      and then it retries... and we submit the same invoice twice.

      Is there a way to tell the events API to wait longer, or to stop retrying?
    `,
    accepted: 0,
    replies: [
      {
        by: "mehmet",
        body: md`
          You can't (and shouldn't) make it wait: acknowledge fast, process later, and make processing
          idempotent. The pattern we use:

          ~~~ts
          app.post("/webhooks/platform", async (req, res) => {
            verifySignature(req); // X-Platform-Signature, HMAC-SHA256
            const event = req.body;
            // The event id is stable across retries: a duplicate delivery is a no-op.
            await db.query(
              "insert into inbox (event_id, type, payload) values ($1, $2, $3) on conflict (event_id) do nothing",
              [event.id, event.type, event],
            );
            res.sendStatus(202); // within a second, every time
          });
          ~~~

          A worker then reads the inbox and calls the tax authority at its own pace. Retries from the
          platform stop mattering because the second delivery inserts nothing.
        `,
      },
      {
        by: "youssef",
        quote: { post: 1, text: "The event id is stable across retries: a duplicate delivery is a no-op." },
        body: "And keep the inbox rows for at least the retry horizon (72 hours for the events API). We purged after 24 hours once and got a duplicate from a retry on day two.",
      },
      {
        by: "sebastian",
        body: "Moved to an inbox table with a 7-day retention and a worker; zero duplicate submissions since. Thanks @{mehmet} and @{youssef}.",
      },
    ],
    chatter: [
      "The retry schedule is in the events API reference under Delivery, not under Webhooks. Took me ages to find.",
      "Same pattern works for the order events. Idempotency keys all the way down.",
    ],
  },
  {
    key: "im-erp-waves",
    category: "implementation",
    title: "ERP migration wave planning: how many applications per wave?",
    tags: ["migration"],
    by: "yuki",
    daysAgo: 9,
    topic: "migration wave planning",
    body: md`
      A manufacturer in Osaka wants to move 60 applications around their ERP to the cloud within 12
      months. Management wants "ten waves of six". My instinct says the first waves should be much
      smaller. How do you size waves, and how do you decide what goes first?
    `,
    accepted: 0,
    replies: [
      {
        by: "rosa",
        body: md`
          Your instinct is right, @{yuki}. Equal waves assume the team learns nothing. We ramp:

          | Wave | Apps | What goes in |
          | --- | --- | --- |
          | 0 (pilot) | 2 | Low-risk, few integrations, friendly owners |
          | 1 | 4 | Prove the patterns: one database-heavy, one with batch jobs |
          | 2–4 | 6–8 each | The bulk, grouped by shared dependencies |
          | 5–6 | 8–10 each | Factory mode: runbooks are boring by now |
          | Last | whatever is left | ERP core and its tight couplings, with a long freeze |

          How we decide what goes together: build the dependency map first (network flows from two weeks of
          traffic data, not from the CMDB), then move *clusters* of apps that talk to each other a lot.
          Splitting a chatty pair across clouds is how you get latency tickets on day one.

          And put a "lessons learned" week after wave 1. Management hates it until they see wave 2.
        `,
      },
      {
        by: "vikram",
        body: "+1 to traffic data over CMDB. Our CMDB said 14 integrations for the core ERP; the flow logs said 31.",
      },
      {
        by: "haruto",
        body: "From the Japanese customer side: present it as \"two pilot waves, then acceleration\". Management accepts a slow start much more readily if the end date stays the same.",
      },
      {
        by: "yuki",
        quote: { post: 3, text: "present it as \"two pilot waves, then acceleration\"" },
        body: "That framing worked! Steering committee approved the ramped plan yesterday. Thank you @{rosa}, the table went almost unchanged into the deck.",
      },
    ],
    chatter: [
      "A lessons-learned week after wave 1 is the best money you'll spend on the whole program.",
      "We also keep one empty slot per wave for an app that slips. Something always slips.",
    ],
  },
];
