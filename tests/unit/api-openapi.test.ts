import { describe, expect, it } from "vitest";
import { openApiDocument } from "../../app/domain/analytics/openapi";
import { apiEventSchema } from "../../app/domain/analytics/api-events";

describe("the integration API's OpenAPI description", () => {
  const text = JSON.stringify(openApiDocument("https://community.example"));
  const doc: unknown = JSON.parse(text);
  const at = (...path: (string | number)[]) => path.reduce<unknown>((node, key) => (node as Record<string | number, unknown> | undefined)?.[key], doc);

  it("is OpenAPI 3.1 JSON naming POST /events with its bearer scheme and Idempotency-Key", () => {
    expect(at("openapi")).toBe("3.1.0");
    expect(at("servers", 0, "url")).toBe("https://community.example/api/v1");
    expect(at("paths", "/events", "post", "operationId")).toBe("postEvent");
    expect(at("paths", "/events", "post", "parameters")).toContainEqual(expect.objectContaining({ name: "Idempotency-Key", in: "header", required: true }));
    expect(at("components", "securitySchemes", "apiKey")).toMatchObject({ type: "http", scheme: "bearer" });
    expect(Object.keys(at("paths", "/events", "post", "responses") as object)).toEqual(expect.arrayContaining(["202", "400", "401", "403", "422", "429"]));
    expect(at("paths", "/events", "post", "responses", "429", "headers", "Retry-After")).toBeDefined();
  });

  it("only refers to schemas it defines", () => {
    const refs = [...text.matchAll(/"\$ref":"#\/components\/schemas\/(\w+)"/g)].map((match) => match[1]!);
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) expect(at("components", "schemas", ref), ref).toBeDefined();
  });

  it("gives an example body the server accepts", () => {
    const examples = at("components", "schemas", "Event", "examples") as unknown[];
    expect(examples.length).toBeGreaterThan(0);
    for (const example of examples) expect(apiEventSchema.safeParse(example).success).toBe(true);
  });
});
