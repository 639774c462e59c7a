import { sql, type Kysely } from "kysely";

// Frozen in time: this migration imports no application code.
const statements = [
  // One row per mentor. The directory reads this table for its "available as mentor" facet,
  // so these column names are a contract with that feature.
  sql`create table mentor_profiles (
    user_id text primary key references users (id) on delete cascade,
    accepting boolean not null default true,
    capacity integer not null default 2 check (capacity between 0 and 20),
    topics text[] not null default '{}',
    languages text[] not null default '{}',
    time_zone text not null default 'UTC',
    segments text[] not null default '{}',
    pitch text not null default '',
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
  )`,
  sql`create index mentor_profiles_accepting on mentor_profiles (user_id) where accepting`,
  sql`create index mentor_profiles_topics on mentor_profiles using gin (topics)`,
  sql`create index mentor_profiles_segments on mentor_profiles using gin (segments)`,
  // A request and, once accepted, the mentorship it becomes: one row through the lifecycle.
  // id is internal (event payloads); public_id is random text for URLs, so an id never
  // reveals how many pairs exist or when another pair started.
  sql`create table mentorships (
    id bigint generated always as identity primary key,
    public_id text not null unique,
    mentor_id text not null references users (id) on delete cascade,
    mentee_id text not null references users (id) on delete cascade,
    status text not null default 'requested'
      check (status in ('requested', 'declined', 'expired', 'withdrawn', 'active', 'ended')),
    message text not null default '',
    goals text not null default '',
    topics text[] not null default '{}',
    languages text[] not null default '{}',
    urgency text not null default 'normal' check (urgency in ('low', 'normal', 'high')),
    decline_reason text,
    end_reason text check (end_reason in ('completed', 'not_a_good_fit', 'other')),
    end_note text,
    ended_by text references users (id) on delete set null,
    requested_at timestamptz not null default now(),
    expires_at timestamptz not null,
    responded_at timestamptz,
    started_at timestamptz,
    ended_at timestamptz,
    check (mentor_id <> mentee_id)
  )`,
  // At most one open request or active mentorship per pair, enforced by the database.
  sql`create unique index mentorships_one_open_per_pair on mentorships (mentor_id, mentee_id)
    where status in ('requested', 'active')`,
  sql`create index mentorships_mentor_status on mentorships (mentor_id, status)`,
  sql`create index mentorships_mentee_status on mentorships (mentee_id, status)`,
  sql`create index mentorships_requested_expiry on mentorships (expires_at) where status = 'requested'`,
  sql`create table mentorship_notes (
    id bigint generated always as identity primary key,
    mentorship_id bigint not null references mentorships (id) on delete cascade,
    author_id text references users (id) on delete set null,
    body text not null,
    created_at timestamptz not null default now()
  )`,
  sql`create index mentorship_notes_mentorship on mentorship_notes (mentorship_id, id)`,
  // A session counts once both sides confirm; the one who logs it confirms by logging.
  sql`create table mentorship_sessions (
    id bigint generated always as identity primary key,
    mentorship_id bigint not null references mentorships (id) on delete cascade,
    held_on date not null,
    duration_minutes integer not null check (duration_minutes between 5 and 600),
    topics text[] not null default '{}',
    summary text not null default '',
    logged_by text references users (id) on delete set null,
    mentor_confirmed_at timestamptz,
    mentee_confirmed_at timestamptz,
    confirmed_at timestamptz,
    created_at timestamptz not null default now()
  )`,
  sql`create index mentorship_sessions_mentorship on mentorship_sessions (mentorship_id, held_on)`,
  // Feedback once per side: the primary key refuses a second one.
  sql`create table mentorship_feedback (
    mentorship_id bigint not null references mentorships (id) on delete cascade,
    author_id text not null references users (id) on delete cascade,
    subject_id text not null references users (id) on delete cascade,
    rating integer not null check (rating between 1 and 5),
    comment text not null default '',
    created_at timestamptz not null default now(),
    primary key (mentorship_id, author_id)
  )`,
  sql`create index mentorship_feedback_subject on mentorship_feedback (subject_id)`,
  // One settings row (id = 1) holding the admin-tuned scoring weights.
  sql`create table mentoring_settings (
    id integer primary key check (id = 1),
    weights jsonb not null,
    updated_by text references users (id) on delete set null,
    updated_at timestamptz not null default now()
  )`,
];

export async function up(db: Kysely<unknown>) {
  for (const statement of statements) await statement.execute(db);
}

export async function down(db: Kysely<unknown>) {
  for (const table of [
    "mentoring_settings",
    "mentorship_feedback",
    "mentorship_sessions",
    "mentorship_notes",
    "mentorships",
    "mentor_profiles",
  ]) {
    await sql`drop table if exists ${sql.table(table)}`.execute(db);
  }
}
