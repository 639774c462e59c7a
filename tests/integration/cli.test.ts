import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { decideSeed } from "../../db/cli/safety";
import { createTestDatabase, usingPostgres } from "../support/database";

const root = fileURLToPath(new URL("../..", import.meta.url));
const tempDirs: string[] = [];

afterAll(() => {
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

function tempDataDir() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pc-cli-"));
  tempDirs.push(dir);
  return dir;
}

/** Runs a CLI as `npm run` would, with only the variables given (none leak in from the test run). */
function run(script: string, args: string[], env: Record<string, string>) {
  // A cast: the tests deliberately pass values (PORT=abc) that the typed environment would reject.
  const clean = { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: "development", ...env } as NodeJS.ProcessEnv;
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      ["--import", "tsx", path.join("db/cli", script), ...args],
      // Generous: creating a fresh embedded data folder takes ~10 s idle and minutes on a busy machine.
      { cwd: root, env: clean, timeout: 200_000 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const lines = (text: string) => text.trim().split("\n").filter(Boolean);

describe("seed safety rules", () => {
  const flags = { allowDatabaseUrl: false, demo: false };
  const url = "postgres://app@db.internal/app";

  it("seeds the embedded database with demo log-ins", () => {
    expect(decideSeed({ isProduction: false, databaseUrl: undefined }, flags, "seed")).toEqual({ ok: true, demoAccounts: true });
  });

  it("needs --allow-database-url for a DATABASE_URL, and --demo for demo log-ins there", () => {
    expect(decideSeed({ isProduction: false, databaseUrl: url }, flags, "seed").ok).toBe(false);
    expect(decideSeed({ isProduction: false, databaseUrl: url }, { ...flags, allowDatabaseUrl: true }, "seed")).toEqual({
      ok: true,
      demoAccounts: false,
    });
    expect(decideSeed({ isProduction: false, databaseUrl: url }, { allowDatabaseUrl: true, demo: true }, "reset")).toEqual({
      ok: true,
      demoAccounts: true,
    });
  });

  it("never seeds or resets in production, whatever the flags", () => {
    for (const databaseUrl of [undefined, url]) {
      for (const action of ["seed", "reset"] as const) {
        expect(decideSeed({ isProduction: true, databaseUrl }, { allowDatabaseUrl: true, demo: true }, action).ok).toBe(false);
      }
    }
  });
});

// Each CLI start costs a node + tsx boot (2 s or more on a busy machine), hence the long timeout.
describe("database CLIs", { timeout: 120_000 }, () => {
  it("refuses to seed when NODE_ENV is production, before touching DATA_DIR", async () => {
    const dataDir = tempDataDir();
    const result = await run("seed.ts", [], { NODE_ENV: "production", DATA_DIR: dataDir });
    expect(result.code).toBe(1);
    expect(lines(result.stderr)).toEqual([expect.stringContaining("NODE_ENV is production")]);
    expect(fs.readdirSync(dataDir)).toEqual([]);
  });

  it("refuses to seed or reset a DATABASE_URL database without --allow-database-url", async () => {
    // Port 1 has no server: the refusal must come before any connection attempt.
    const env = { DATABASE_URL: "postgres://postgres@127.0.0.1:1/scratch" };
    const results = await Promise.all([run("seed.ts", ["--demo"], env), run("reset.ts", ["--demo"], env)]);
    for (const result of results) {
      expect(result.code).toBe(1);
      expect(lines(result.stderr)).toEqual([expect.stringContaining("--allow-database-url")]);
    }
  });

  it("refuses a locked DATA_DIR with one line naming the holder", async () => {
    const dataDir = tempDataDir();
    fs.mkdirSync(path.join(dataDir, "db"));
    const lock = JSON.stringify({ pid: process.pid, holder: "the server" });
    fs.writeFileSync(path.join(dataDir, "db", "embedded-db.lock"), lock);
    const result = await run("migrate.ts", [], { DATA_DIR: dataDir });
    expect(result.code).toBe(1);
    expect(lines(result.stderr)).toEqual([expect.stringContaining(`in use by the server (pid ${process.pid})`)]);
  });

  it("names the bad variable in one line", async () => {
    const cases = { PORT: "abc", DATABASE_URL: "nope" };
    const results = await Promise.all(Object.entries(cases).map(([name, value]) => run("migrate.ts", [], { [name]: value })));
    for (const [index, name] of Object.keys(cases).entries()) {
      expect(results[index].code, name).toBe(1);
      expect(lines(results[index].stderr), name).toEqual([expect.stringMatching(new RegExp(`^Invalid configuration: ${name} `))]);
    }
  });

  it("rejects bad user:create input with the sign-up form's rules", async () => {
    const result = await run("user-create.ts", ["--email", "someone@example.com", "--role", "owner"], {});
    expect(result.code).toBe(1);
    expect(lines(result.stderr)).toEqual(["--role: must be one of member, partner_admin, moderator, admin"]);
  });

  // The slow one: a fresh embedded data folder, then a second start to create an admin in it.
  it("migrates a fresh DATA_DIR, then creates an admin with a generated password", { timeout: 450_000 }, async () => {
    const dataDir = tempDataDir();
    const migrated = await run("migrate.ts", [], { DATA_DIR: dataDir });
    expect(migrated.stderr).toBe("");
    expect(migrated.code).toBe(0);
    expect(migrated.stdout).toMatch(/^Applied migration 2026-11-23T0900-foundation$/m);

    const created = await run("user-create.ts", ["--email", "ops.lead@vendor.example", "--role", "admin"], { DATA_DIR: dataDir });
    expect(created.stderr).toBe("");
    expect(created.stdout).toContain("Created admin Ops Lead <ops.lead@vendor.example>");
    expect(created.stdout).toMatch(/^Password \(shown once; store it now\): [\w-]{24}$/m);
    expect(fs.existsSync(path.join(dataDir, "db", "embedded-db.lock"))).toBe(false);
  });

  it.runIf(usingPostgres())("seeds a DATABASE_URL with the flag, without log-ins unless --demo", async () => {
    const database = await createTestDatabase();
    try {
      const result = await run("seed.ts", ["--allow-database-url"], { DATABASE_URL: database.url! });
      expect(result.stderr).toBe("");
      expect(result.code).toBe(0);
      expect(result.stdout).toContain("No demo log-ins");
      const users = await database.db.selectFrom("users").select(["email", "password_hash"]).execute();
      expect(users.length).toBeGreaterThanOrEqual(40);
      expect(users.filter((user) => user.password_hash !== null)).toEqual([]);
      expect(users.some((user) => user.email.endsWith("@demo.partners.test"))).toBe(false);
    } finally {
      await database.close();
    }
  });
});
