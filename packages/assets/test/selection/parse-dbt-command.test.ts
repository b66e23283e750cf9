import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  DbtCommandLineError,
  dbtCommandFromArgv,
  parseDbtCommand,
  selectionFromDbtCommand,
  selectUniqueIds,
  splitShellWords,
} from "../../src/index.js";
import { assetNames, jaffleShopManifest, testNames } from "./jaffle-fixture.js";

describe("splitShellWords", () => {
  it("follows POSIX quoting", () => {
    expect(splitShellWords(`dbt run --vars '{"a": 1, "b": "x y"}'`)).toEqual([
      "dbt",
      "run",
      "--vars",
      '{"a": 1, "b": "x y"}',
    ]);
    expect(splitShellWords(`a "b \\"c\\" \\$d \\n" e\\ f 'g''h' ""`)).toEqual([
      "a",
      'b "c" $d \\n',
      "e f",
      "gh",
      "",
    ]);
    expect(splitShellWords("  a\t\tb\nc  ")).toEqual(["a", "b", "c"]);
    expect(splitShellWords("it\\'s")).toEqual(["it's"]);
  });

  it("rejects unterminated quotes", () => {
    expect(() => splitShellWords('dbt run --vars \'{"a": 1}')).toThrow(DbtCommandLineError);
    expect(() => splitShellWords('dbt run --select "orders')).toThrow(/unterminated double quote/);
  });

  it("round-trips argv quoted token by token (the steps_override format)", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ minLength: 1 }), { minLength: 1, maxLength: 6 }), (tokens) => {
        const argv = ["build", ...tokens];
        expect(splitShellWords(dbtCommandFromArgv(argv))).toEqual(["dbt", ...argv]);
      }),
    );
  });
});

describe("parseDbtCommand", () => {
  it("splits selection, indirect selection and other options", () => {
    const parsed = parseDbtCommand(
      `dbt build --select +orders "tag:nightly,config.materialized:table" --exclude tag:slow --indirect-selection cautious --vars '{"day": "2024-01-15"}' --target prod --threads 4 --full-refresh --fail-fast --profiles-dir=/tmp/p`,
    );
    expect(parsed).toMatchObject({
      command: "build",
      select: ["+orders", "tag:nightly,config.materialized:table"],
      exclude: ["tag:slow"],
      indirectSelection: "cautious",
      vars: '{"day": "2024-01-15"}',
      target: "prod",
      threads: 4,
      fullRefresh: true,
      failFast: true,
      options: { "full-refresh": true, "fail-fast": true, "profiles-dir": "/tmp/p" },
    });
  });

  it("knows short flags, --models, --selector, =values and two-word commands", () => {
    expect(parseDbtCommand("dbt run -s a b -m c --exclude=d").select).toEqual(["a", "b", "c"]);
    expect(parseDbtCommand("dbt run -s a b -m c --exclude=d").exclude).toEqual(["d"]);
    expect(parseDbtCommand("dbt build --selector nightly").selector).toBe("nightly");
    expect(parseDbtCommand("dbt source freshness --select source:raw").command).toBe("source freshness");
    expect(parseDbtCommand("dbt docs generate").command).toBe("docs generate");
    const op = parseDbtCommand(`dbt run-operation grant --args '{role: x}'`);
    expect(op.command).toBe("run-operation");
    expect(op.positional).toEqual(["grant"]);
    expect(op.options.args).toBe("{role: x}");
    expect(parseDbtCommand(["build", "--resource-type", "model", "seed"]).resourceTypes).toEqual([
      "model",
      "seed",
    ]);
    expect(parseDbtCommand("dbt --debug build").command).toBe("build");
  });

  it("reports missing values, bad modes and empty commands", () => {
    expect(() => parseDbtCommand("dbt build --select")).toThrow(/--select needs a value/);
    expect(() => parseDbtCommand("dbt build --indirect-selection lazy")).toThrow(
      /indirect selection "lazy" is not valid; use one of eager, cautious, buildable, empty/,
    );
    expect(() => parseDbtCommand("dbt build --threads many")).toThrow(/--threads must be a positive integer/);
    expect(() => parseDbtCommand("dbt")).toThrow(/has no dbt command/);
  });
});

describe("selectionFromDbtCommand", () => {
  const manifest = jaffleShopManifest();
  const run = (line: string) =>
    selectUniqueIds(manifest, selectionFromDbtCommand(parseDbtCommand(line), manifest));

  it("applies the command's resource types after selection", () => {
    expect(assetNames(manifest, run("dbt run --select raw_customers+"))).toEqual([
      "customers",
      "stg_customers",
    ]);
    expect(testNames(manifest, run("dbt run --select raw_customers+"))).toEqual([]);
    expect(assetNames(manifest, run("dbt test --select stg_customers"))).toEqual([]);
    expect(testNames(manifest, run("dbt test --select stg_customers"))).toHaveLength(2);
    expect(run("dbt seed").size).toBe(3);
    expect(run("dbt build").size).toBe(28);
    expect(run("dbt build --resource-type seed").size).toBe(3);
    expect(run("dbt ls").size).toBe(28);
  });

  it("uses --selector, and the manifest's default selector when nothing is selected", () => {
    expect(assetNames(manifest, run("dbt build --selector raw_customer_child_models"))).toEqual([
      "customers",
      "stg_customers",
    ]);
    const withDefault = jaffleShopManifest();
    withDefault.selectors = {
      seeds: { name: "seeds", default: true, definition: { method: "resource_type", value: "seed" } },
    };
    const options = selectionFromDbtCommand(parseDbtCommand("dbt build"), withDefault);
    expect(options.selector).toBe("seeds");
    expect(selectUniqueIds(withDefault, options).size).toBe(3);
    expect(
      selectionFromDbtCommand(parseDbtCommand("dbt build -s orders"), withDefault).selector,
    ).toBeUndefined();
  });
});
