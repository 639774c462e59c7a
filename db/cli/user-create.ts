import crypto from "node:crypto";
import { z } from "zod";
import { roles, signupSchema } from "../../app/domain/accounts/validation";
import { parseConfig } from "../../server/config";
import { CliError, describeTarget, parseFlags, runCli, withDatabase } from "./common";

const usage =
  'Usage: npm run user:create -- --email name@example.com --role member|partner_admin|moderator|admin [--name "Display Name"] [--password ...] [--organization slug]\n' +
  "Creates an account (the way to make the first admin). Without --password a strong one is generated and printed once.";

// The sign-up form's own rules, so an account made here could have been made there.
const input = z
  .object({
    email: signupSchema.shape.email,
    role: z.enum(roles, { error: `must be one of ${roles.join(", ")}` }),
    name: signupSchema.shape.displayName,
    password: signupSchema.shape.password.optional(),
    organization: z.string().trim().min(1).optional(),
  })
  .refine((value) => value.role !== "partner_admin" || value.organization, {
    path: ["organization"],
    message: "A partner admin needs --organization <slug>.",
  })
  .refine((value) => value.role !== "admin" || !value.organization, {
    path: ["organization"],
    message: "Admins are vendor staff and belong to no organization.",
  });

/** "jane.doe@x.com" → "Jane Doe", when no --name is given. */
function nameFromEmail(email: string) {
  return email
    .split("@")[0]
    .split(/[._+-]+/)
    .filter(Boolean)
    .map((part) => part[0].toUpperCase() + part.slice(1))
    .join(" ");
}

runCli(async () => {
  const flags = parseFlags(
    {
      email: { type: "string" },
      role: { type: "string" },
      name: { type: "string" },
      password: { type: "string" },
      organization: { type: "string" },
    },
    usage,
  );
  if (!flags.email || !flags.role) throw new CliError(`--email and --role are required. ${usage.split("\n")[0]}`);
  const parsed = input.safeParse({ ...flags, name: flags.name ?? nameFromEmail(flags.email) });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const flag = String(issue.path[0] ?? "email");
    if (flag === "name" && flags.name === undefined) {
      throw new CliError(`--name: the email gives no usable display name; pass --name "Display Name".`);
    }
    throw new CliError(`--${flag}: ${issue.message}`);
  }
  const { email, role, name, organization } = parsed.data;
  const generated = parsed.data.password === undefined;
  const password = parsed.data.password ?? crypto.randomBytes(18).toString("base64url");
  const config = parseConfig();

  await withDatabase(config, "npm run user:create", async ({ db }) => {
    const { createAccount } = await import("./tasks");
    const user = await createAccount(db, { email, displayName: name, password, role, organization });
    process.stdout.write(`Created ${role} ${user.display_name} <${user.email}> (@${user.handle}) in ${describeTarget(config)}.\n`);
    if (generated) process.stdout.write(`Password (shown once; store it now): ${password}\n`);
  });
});
