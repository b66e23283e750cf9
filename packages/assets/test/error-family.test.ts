import type { DbtCloudRun } from "@dbt-cloud-kit/client";
import { DbtCloudRunFailedError } from "@dbt-cloud-kit/client";
import { describe, expect, it } from "vitest";
import {
  DbtArtifactError,
  DbtArtifactTooLargeError,
  DbtCloudAssetsError,
  DbtCloudRunError,
  DbtCommandError,
  DbtCommandLineError,
  DbtDuplicateAssetKeyError,
  DbtSelectionError,
  DbtSubsetError,
  dbtCommandFromArgv,
  parseDbtCommand,
  parseManifest,
  selectUniqueIds,
} from "../src/index.js";

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error("expected an error");
}

const manifest = parseManifest({
  metadata: { dbt_schema_version: "https://schemas.getdbt.com/dbt/manifest/v12.json" },
  nodes: {},
  sources: {},
});

describe("one error family", () => {
  it("every error the package throws is a DbtCloudAssetsError and keeps its own name", () => {
    const cases: Array<[unknown, string]> = [
      [thrown(() => parseManifest("{")), "DbtArtifactError"],
      [thrown(() => selectUniqueIds(manifest, { select: "nope:x" })), "DbtSelectionError"],
      [thrown(() => parseDbtCommand("dbt run --select 'x")), "DbtCommandLineError"],
      [thrown(() => dbtCommandFromArgv([])), "DbtCommandError"],
      [new DbtSubsetError("x"), "DbtSubsetError"],
      [
        new DbtDuplicateAssetKeyError("k", { uniqueId: "a", file: "a" }, { uniqueId: "b", file: "b" }),
        "DbtDuplicateAssetKeyError",
      ],
      [
        new DbtArtifactTooLargeError({
          fileName: "f",
          expectedKind: "manifest",
          sizeBytes: 2,
          limitBytes: 1,
        }),
        "DbtArtifactTooLargeError",
      ],
    ];
    for (const [error, name] of cases) {
      expect(error).toBeInstanceOf(DbtCloudAssetsError);
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).name).toBe(name);
    }
    // subclasses keep plain instanceof
    expect(cases[1]?.[0]).not.toBeInstanceOf(DbtArtifactError);
    expect(cases[0]?.[0]).not.toBeInstanceOf(DbtSelectionError);
    expect(cases[2]?.[0]).toBeInstanceOf(DbtCommandLineError);
    expect(cases[3]?.[0]).toBeInstanceOf(DbtCommandError);
    expect(new Error("x")).not.toBeInstanceOf(DbtCloudAssetsError);
  });

  it("the run error is the client's DbtCloudRunFailedError and a member of the family", () => {
    const run = {
      id: 7,
      status: 20,
      status_humanized: "Error",
      href: null,
      status_message: "boom",
    } as unknown as DbtCloudRun;
    const error = new DbtCloudRunError(run, ["model.p.a"]);
    expect(error).toBeInstanceOf(DbtCloudRunFailedError);
    expect(error).toBeInstanceOf(DbtCloudAssetsError);
    expect(error).not.toBeInstanceOf(DbtSelectionError);
    expect(error.name).toBe("DbtCloudRunError");
    expect(new DbtCloudRunFailedError(run)).not.toBeInstanceOf(DbtCloudAssetsError);
  });
});
