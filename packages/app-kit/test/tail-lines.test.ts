import { describe, expect, it } from "vitest";
import { tailLines } from "../src/index.js";

describe("tailLines", () => {
  it("keeps the end of long logs", () => {
    const text = Array.from({ length: 10 }, (_, i) => `line ${i}`).join("\n");
    expect(tailLines(text, 3)).toBe("… 7 earlier lines omitted …\nline 7\nline 8\nline 9");
    expect(tailLines("a\nb", 3)).toBe("a\nb");
  });

  it("drops trailing blanks and counts \\r and \\r\\n line breaks as the runner does", () => {
    expect(tailLines("a\r\nb\rc\n \t\n\r\n  ", 2)).toBe("… 1 earlier lines omitted …\nb\nc");
  });

  it("is linear on long blank runs: the old /\\s+$/ would take minutes here and hit the test timeout", () => {
    // 256 KiB of blanks before the last character, then 256 KiB of blank lines.
    const text = `${" \t".repeat(128 * 1024)}x${" \n".repeat(128 * 1024)}`;
    expect(tailLines(text, 5)).toBe(`${" \t".repeat(128 * 1024)}x`);
  });
});

describe("tailLines at the boundary", () => {
  it("keeps exactly maxLines lines whatever the line breaks", () => {
    for (const br of ["\n", "\r\n", "\r"]) {
      const text = ["l0", "l1", "l2", "l3", "l4"].join(br);
      expect(tailLines(text, 2), JSON.stringify(br)).toBe("… 3 earlier lines omitted …\nl3\nl4");
      expect(tailLines(text, 5)).toBe("l0\nl1\nl2\nl3\nl4");
      expect(tailLines(text, 4)).toBe("… 1 earlier lines omitted …\nl1\nl2\nl3\nl4");
    }
    expect(tailLines("a\r\n\r\nb", 2)).toBe("… 1 earlier lines omitted …\n\nb");
  });
});
