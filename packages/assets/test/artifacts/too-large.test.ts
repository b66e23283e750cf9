import { mkdtempSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import {
  DbtArtifactError,
  DbtArtifactTooLargeError,
  DbtCloudAssetsError,
  MAX_ARTIFACT_BYTES,
  parseManifest,
  parseRunResults,
  readManifestFile,
  readRunResultsFile,
} from "../../src/index.js";

// Node's readFile fails like this past the string limit; simulated for one path, so no test writes 512 MB.
vi.mock("node:fs/promises", async (importOriginal) => {
  const actual = await importOriginal<typeof import("node:fs/promises")>();
  return {
    ...actual,
    readFile: (async (path: unknown, options: unknown) => {
      if (String(path).endsWith("string-too-long.json")) {
        throw Object.assign(new Error("Cannot create a string longer than 0x1fffffe8 characters"), {
          code: "ERR_STRING_TOO_LONG",
        });
      }
      return actual.readFile(path as string, options as BufferEncoding);
    }) as typeof actual.readFile,
  };
});

const dir = mkdtempSync(join(tmpdir(), "assets-too-large-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const runResults = {
  metadata: { dbt_schema_version: "https://schemas.getdbt.com/dbt/run-results/v6.json" },
  results: [{ unique_id: "model.p.a", status: "success", timing: [] }],
};

async function rejection(promise: Promise<unknown>): Promise<DbtArtifactTooLargeError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DbtArtifactTooLargeError);
  return error as DbtArtifactTooLargeError;
}

describe("an artifact too large to read", () => {
  it("a file beyond the longest string Node.js holds is refused from its size (sparse file, nothing read)", async () => {
    const path = join(dir, "run_results.json");
    writeFileSync(path, "");
    truncateSync(path, MAX_ARTIFACT_BYTES + 1); // sparse: no disk space, no memory
    const error = await rejection(readRunResultsFile(path));
    expect(error.fileName).toBe(path);
    expect(error.sizeBytes).toBe(MAX_ARTIFACT_BYTES + 1);
    expect(error.limitBytes).toBe(MAX_ARTIFACT_BYTES);
    expect(error.message).toContain(`"${path}" is 512.0 MiB (${MAX_ARTIFACT_BYTES + 1} bytes)`);
    expect(error.message).toMatch(/longest string Node\.js can hold/);
    expect(error.message).not.toMatch(/Invalid string length/);
    expect(error).toBeInstanceOf(DbtArtifactError);
    expect(error).toBeInstanceOf(DbtCloudAssetsError);
    expect(error.name).toBe("DbtArtifactTooLargeError");
  });

  it("a caller's maxBytes refuses smaller files, text and bytes the same way", async () => {
    const path = join(dir, "manifest.json");
    const text = JSON.stringify({
      metadata: { dbt_schema_version: "https://schemas.getdbt.com/dbt/manifest/v12.json" },
      nodes: {},
      sources: {},
    });
    writeFileSync(path, text);
    const size = Buffer.byteLength(text);
    const fromFile = await rejection(readManifestFile(path, { maxBytes: 10 }));
    expect(fromFile.message).toContain(`"${path}" is ${size} B (${size} bytes), more than the 10 B`);
    expect(fromFile.message).toMatch(/raise maxBytes/);
    await expect(readManifestFile(path, { maxBytes: size })).resolves.toBeDefined();
    expect(() => parseManifest(text, { maxBytes: 10, fileName: "m.json" })).toThrow(DbtArtifactTooLargeError);
    expect(() => parseRunResults(Buffer.from(JSON.stringify(runResults)), { maxBytes: 10 })).toThrow(
      /The run_results\.json is \d+ B/,
    );
  });

  it("Node's ERR_STRING_TOO_LONG while reading becomes the typed error, with the cause kept", async () => {
    const path = join(dir, "string-too-long.json");
    writeFileSync(path, JSON.stringify(runResults));
    const error = await rejection(readRunResultsFile(path));
    expect(error.fileName).toBe(path);
    expect((error.cause as { code?: string }).code).toBe("ERR_STRING_TOO_LONG");
  });

  it("V8's 'Invalid string length' from JSON.parse becomes the typed error naming the file", () => {
    const spy = vi.spyOn(JSON, "parse").mockImplementationOnce(() => {
      throw new RangeError("Invalid string length");
    });
    try {
      parseRunResults(JSON.stringify(runResults), { fileName: "target/run_results.json" });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(DbtArtifactTooLargeError);
      expect((error as Error).message).toMatch(/^"target\/run_results\.json" is \d+ B/);
      expect((error as Error).cause).toBeInstanceOf(RangeError);
    } finally {
      spy.mockRestore();
    }
  });
});
