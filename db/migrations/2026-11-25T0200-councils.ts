import { sql, type Kysely } from "kysely";

// Frozen in time: this migration imports no application code.
// Every council id that reaches a browser is random text: a shared sequence would let anyone
// count private meetings and proposals by watching the gaps.
const statements = [
  sql`create table councils (
    id text primary key,
    name text not null unique,
    objective text not null,
    meeting_frequency text not null,
    expected_commitment text not null,
    terms_text text not null,
    terms_version integer not null default 1,
    category_id integer not null references categories (id),
    created_by text references users (id) on delete set null,
    created_at timestamptz not null default now()
  )`,
  // One row per person and council. ended_at closes a membership (removal, declined invitation
  // or the term-end job); the visibility rule also checks term_end itself, so it is never late.
  sql`create table council_members (
    council_id text not null references councils (id) on delete cascade,
    user_id text not null references users (id) on delete cascade,
    role text not null check (role in ('chair', 'member', 'vendor_liaison')),
    term_start timestamptz not null,
    term_end timestamptz not null,
    invited_by text references users (id) on delete set null,
    invited_at timestamptz not null default now(),
    accepted_at timestamptz,
    acknowledged_version integer,
    acknowledged_at timestamptz,
    ended_at timestamptz,
    end_reason text check (end_reason in ('removed', 'term_ended', 'declined')),
    primary key (council_id, user_id),
    check (term_end > term_start)
  )`,
  sql`create index council_members_user on council_members (user_id) where ended_at is null`,
  sql`create table council_meetings (
    id text primary key,
    council_id text not null references councils (id) on delete cascade,
    title text not null,
    starts_at timestamptz not null,
    time_zone text not null,
    location text not null default '',
    call_link text not null default '',
    minutes_source text not null default '',
    minutes_html text not null default '',
    minutes_published_at timestamptz,
    minutes_author_id text references users (id) on delete set null,
    created_by text references users (id) on delete set null,
    created_at timestamptz not null default now()
  )`,
  sql`create index council_meetings_council on council_meetings (council_id, starts_at)`,
  sql`create table council_proposals (
    id text primary key,
    council_id text not null references councils (id) on delete cascade,
    author_id text not null references users (id),
    title text not null,
    body_source text not null,
    body_html text not null,
    options text[] not null check (cardinality(options) >= 2),
    status text not null default 'draft' check (status in ('draft', 'open', 'closed')),
    live_results boolean not null default false,
    voting_opened_at timestamptz,
    closes_at timestamptz,
    closed_at timestamptz,
    meeting_id text references council_meetings (id) on delete set null,
    created_at timestamptz not null default now()
  )`,
  sql`create index council_proposals_council on council_proposals (council_id, created_at desc)`,
  sql`create table council_votes (
    proposal_id text not null references council_proposals (id) on delete cascade,
    user_id text not null references users (id) on delete cascade,
    choice text not null,
    cast_at timestamptz not null default now(),
    changed_at timestamptz,
    primary key (proposal_id, user_id)
  )`,
  sql`create table council_decisions (
    id text primary key,
    council_id text not null references councils (id) on delete cascade,
    proposal_id text not null unique references council_proposals (id) on delete cascade,
    meeting_id text references council_meetings (id) on delete set null,
    outcome text not null,
    turnout integer not null,
    eligible integer not null,
    decided_at timestamptz not null default now()
  )`,
  sql`create table council_agenda_items (
    id text primary key,
    meeting_id text not null references council_meetings (id) on delete cascade,
    position integer not null,
    title text not null,
    owner_id text references users (id) on delete set null,
    thread_id text references threads (id) on delete set null,
    proposal_id text references council_proposals (id) on delete set null
  )`,
  sql`create index council_agenda_meeting on council_agenda_items (meeting_id, position)`,
  sql`create table council_attendance (
    meeting_id text not null references council_meetings (id) on delete cascade,
    user_id text not null references users (id) on delete cascade,
    rsvp text check (rsvp in ('yes', 'no', 'maybe')),
    present boolean not null default false,
    updated_at timestamptz not null default now(),
    primary key (meeting_id, user_id)
  )`,
  sql`create table council_action_items (
    id text primary key,
    meeting_id text not null references council_meetings (id) on delete cascade,
    council_id text not null references councils (id) on delete cascade,
    title text not null,
    owner_id text not null references users (id) on delete cascade,
    due_at timestamptz not null,
    done_at timestamptz,
    reminded_at timestamptz,
    created_at timestamptz not null default now()
  )`,
  sql`create index council_action_items_owner on council_action_items (owner_id, due_at) where done_at is null`,
];

export async function up(db: Kysely<unknown>) {
  for (const statement of statements) await statement.execute(db);
}

export async function down(db: Kysely<unknown>) {
  for (const table of [
    "council_action_items",
    "council_attendance",
    "council_agenda_items",
    "council_decisions",
    "council_votes",
    "council_proposals",
    "council_meetings",
    "council_members",
    "councils",
  ]) {
    await sql.raw(`drop table if exists ${table}`).execute(db);
  }
}
