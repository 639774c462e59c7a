import { describe, expect, it } from "vitest";
import { parseForm } from "../../app/utils/forms";
import { signupSchema, profileSchema } from "../../app/domain/accounts/validation";
import { safeRedirect } from "../../app/utils/http.server";
import { parseConfig } from "../../server/config";

const form = (entries: Record<string, string>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(entries)) data.set(key, value);
  return data;
};

describe("form parsing", () => {
  it("puts each message at its field and keeps what was typed, except the password", () => {
    const result = parseForm(
      signupSchema,
      form({ email: "not-an-email", displayName: "x".repeat(80), password: "short", organizationId: "" }),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.email).toMatch(/valid email/);
    expect(result.errors.displayName).toMatch(/60 characters/);
    expect(result.errors.password).toMatch(/at least 10/);
    expect(result.values).toMatchObject({ email: "not-an-email", displayName: "x".repeat(80) });
    expect(result.values.password).toBeUndefined();
  });

  it("accepts a well-formed sign-up and trims what people type", () => {
    const result = parseForm(
      signupSchema,
      form({ email: "  dana@example.com ", displayName: " Dana Kim ", password: "long-enough-1", organizationId: "3" }),
    );
    expect(result.ok && result.data).toMatchObject({ email: "dana@example.com", displayName: "Dana Kim", organizationId: 3 });
  });

  it("rejects an unknown time zone and splits languages", () => {
    const bad = parseForm(profileSchema, form({ displayName: "Dana", title: "", bio: "", timeZone: "Mars/Olympus", languages: "" }));
    expect(!bad.ok && bad.errors.timeZone).toMatch(/time zone/);
    const good = parseForm(profileSchema, form({ displayName: "Dana", title: "", bio: "", timeZone: "Asia/Tokyo", languages: "English, Japanese ," }));
    expect(good.ok && good.data.languages).toEqual(["English", "Japanese"]);
  });
});

describe("redirects after login", () => {
  it("only follows paths on this site", () => {
    expect(safeRedirect("/orgs/acme")).toBe("/orgs/acme");
    expect(safeRedirect("//evil.example")).toBe("/");
    expect(safeRedirect("https://evil.example")).toBe("/");
    expect(safeRedirect("/\\evil.example")).toBe("/");
  });
});

describe("configuration", () => {
  it("defaults to the embedded database on port 3000", () => {
    const config = parseConfig({});
    expect(config.databaseUrl).toBeUndefined();
    expect(config.port).toBe(3000);
    expect(config.publicOrigin).toBe("http://localhost:3000");
    expect(config.secureCookies).toBe(false);
  });

  it("uses Secure cookies whenever the public URL is https", () => {
    expect(parseConfig({ PUBLIC_URL: "https://community.example.com" }).secureCookies).toBe(true);
  });

  it("names the variable that is wrong", () => {
    expect(() => parseConfig({ PORT: "abc" })).toThrow(/PORT/);
    expect(() => parseConfig({ DATABASE_URL: "mysql://db" })).toThrow(/DATABASE_URL must be a postgres/);
    expect(() => parseConfig({ LOG_LEVEL: "loud" })).toThrow(/LOG_LEVEL/);
  });
});
