import { describe, expect, it } from "vitest";
import { openApiDocument } from "../../app/domain/analytics/openapi";
import { apiEventSchema } from "../../app/domain/analytics/api-events";

describe("the integration API's OpenAPI description", () => {
  const text = JSON.stringify(openApiDocument("https://community.example"));
  const doc = JSON.parse(text) as Record<string, any>;

  it("is OpenAPI 3.1 JSON naming POST /events with its bearer scheme and Idempotency-Key", () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.servers[0].url).toBe("https://community.example/api/v1");
    const post = doc.paths["/events"].post;
    expect(post.operationId).toBe("postEvent");
    expect(post.parameters).toContainEqual(expect.objectContaining({ name: "Idempotency-Key", in: "header", required: true }));
    expect(doc.components.securitySchemes.apiKey).toMatchObject({ type: "http", scheme: "bearer" });
    expect(Object.keys(post.responses)).toEqual(expect.arrayContaining(["202", "400", "401", "403", "422", "429"]));
    expect(post.responses["429"].headers["Retry-After"]).toBeDefined();
  });

  it("only refers to schemas it defines", () => {
    const refs = [...text.matchAll(/"\$ref":"#\/components\/schemas\/(\w+)"/g)].map((match) => match[1]!);
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) expect(doc.components.schemas[ref], ref).toBeDefined();
  });

  it("gives an example body the server accepts", () => {
    for (const example of doc.components.schemas.Event.examples) expect(apiEventSchema.safeParse(example).success).toBe(true);
  });
});
