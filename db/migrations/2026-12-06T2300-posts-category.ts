import { sql, type Kysely } from "kysely";

// Frozen in time: this migration imports no application code.
// Posts carry their thread's category, kept by triggers whatever writes them, so a search within
// one category reads only that category's matches (docs/decisions/039).
export async function up(db: Kysely<unknown>) {
  await sql`alter table posts add column category_id integer`.execute(db);
  await sql`update posts set category_id = threads.category_id from threads where threads.id = posts.thread_id`.execute(db);
  await sql`alter table posts alter column category_id set not null`.execute(db);
  await sql`create index posts_category_created on posts (category_id, created_at desc)`.execute(db);
  await sql`create function posts_take_thread_category() returns trigger language plpgsql as $$ begin
    new.category_id := (select category_id from threads where id = new.thread_id);
    return new;
  end $$`.execute(db);
  await sql`create trigger posts_category before insert or update of thread_id on posts
    for each row execute function posts_take_thread_category()`.execute(db);
  await sql`create function threads_move_posts_category() returns trigger language plpgsql as $$ begin
    update posts set category_id = new.category_id where thread_id = new.id;
    return null;
  end $$`.execute(db);
  await sql`create trigger threads_category after update of category_id on threads
    for each row when (old.category_id is distinct from new.category_id) execute function threads_move_posts_category()`.execute(db);
}

export async function down(db: Kysely<unknown>) {
  await sql`drop trigger threads_category on threads`.execute(db);
  await sql`drop function threads_move_posts_category()`.execute(db);
  await sql`drop trigger posts_category on posts`.execute(db);
  await sql`drop function posts_take_thread_category()`.execute(db);
  await sql`alter table posts drop column category_id`.execute(db);
}
