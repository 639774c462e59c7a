/**
 * Mail throughput on embedded PGlite: N password-reset requests queued (what the person waits
 * for), then the scheduler builds and delivers them, to the outbox table and to a local SMTP
 * server (smtp-server, started here). `N=500 npm run bench:mail`.
 */
import pino from "pino";
import { openDatabase } from "../db/client";
import { migrateToLatest } from "../db/migrate";
import { createUser } from "../app/domain/accounts/users.server";
import { requestPasswordReset } from "../app/domain/accounts/recovery.server";
import { createScheduler } from "../server/scheduler";
import { createMail } from "../server/mail";
import { startSmtpSink } from "../tests/support/mail";

const N = Number(process.env.N ?? 200);
const database = await openDatabase({ inMemory: true });
await migrateToLatest(database.db);
const smtp = await startSmtpSink();
for (const transport of ["outbox", "smtp"] as const) {
  const mail = createMail({ mail: { smtpUrl: transport === "smtp" ? smtp.url : undefined, from: "x <x@example.test>" }, publicOrigin: "http://localhost:3000" }, database.db);
  const users = [];
  for (let i = 0; i < N; i++) users.push(await createUser(database.db, { email: `${transport}-${i}@example.test`, displayName: `P ${i}`, password: null, passwordHash: "x" }));
  let t = performance.now();
  for (const [i, user] of users.entries()) await requestPasswordReset(database.db, { email: user.email, ip: `10.1.${Math.floor(i / 200)}.${i % 200}` });
  const queueMs = performance.now() - t;
  const scheduler = createScheduler({ database, log: pino({ level: "silent" }), handlers: mail.handlers, batchSize: 5 });
  t = performance.now();
  await scheduler.runDue();
  const sendMs = performance.now() - t;
  await scheduler.stop();
  mail.close();
  const delivered = transport === "smtp" ? smtp.inbox.length : Number((await database.db.selectFrom("mail_outbox").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);
  console.log(JSON.stringify({ transport, mails: N, delivered, queuePerRequestMs: +(queueMs / N).toFixed(2), sendTotalMs: Math.round(sendMs), mailsPerSecond: +((N / sendMs) * 1000).toFixed(1) }));
}
await smtp.close();
await database.close();
