import { describe, expect, it } from "vitest";
import { csvCell, toCsv } from "../../app/domain/moderation/csv";

describe("audit CSV cells", () => {
  it("prefixes cells a spreadsheet would run as a formula", () => {
    for (const dangerous of ["=HYPERLINK(\"http://evil.example\")", "+1+2", "-2+3", "@SUM(A1)", "\tstarts with tab", "\rcarriage"]) {
      const cell = csvCell(dangerous);
      expect(cell.replace(/^"/, "").startsWith("'")).toBe(true);
    }
  });

  it("quotes commas, quotes and line breaks, and leaves plain text alone", () => {
    expect(csvCell("plain reason")).toBe("plain reason");
    expect(csvCell('said "no", twice')).toBe('"said ""no"", twice"');
    expect(csvCell("line\nbreak")).toBe('"line\nbreak"');
    expect(csvCell(null)).toBe("");
    expect(csvCell({ hidden: true })).toBe('"{""hidden"":true}"');
  });

  it("joins rows with CRLF", () => {
    expect(toCsv([["a", "b"], ["=1", "2"]])).toBe("a,b\r\n'=1,2\r\n");
  });
});
