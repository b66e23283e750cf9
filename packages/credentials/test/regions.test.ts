import { describe, expect, it } from "vitest";
import {
  DBT_CLOUD_REGIONS,
  describeAccessUrl,
  isLoopbackHost,
  LEGACY_DBT_CLOUD_HOSTS,
  legacyHostAuthHint,
} from "../src/index.js";

describe("region and cell hosts", () => {
  it("knows every cell from us1 to eu4 and the legacy hosts", () => {
    expect(DBT_CLOUD_REGIONS.map((r) => r.cell)).toEqual([
      "us1",
      "eu1",
      "au1",
      "jp1",
      "us2",
      "eu2",
      "au2",
      "us3",
      "eu3",
      "eu4",
    ]);
    expect(LEGACY_DBT_CLOUD_HOSTS).toEqual(["cloud.getdbt.com", "emea.dbt.com", "au.dbt.com"]);
  });

  it("classifies access URLs", () => {
    expect(describeAccessUrl("https://ab123.eu4.dbt.com")).toMatchObject({
      kind: "cell",
      accountPrefix: "ab123",
      region: { cell: "eu4", cloud: "GCP", location: "Frankfurt" },
    });
    expect(describeAccessUrl("https://cloud.getdbt.com")).toMatchObject({
      kind: "legacy",
      region: { cell: "us1" },
    });
    expect(describeAccessUrl("https://emea.dbt.com")).toMatchObject({
      kind: "legacy",
      region: { cell: "eu1" },
    });
    expect(describeAccessUrl("https://au.dbt.com")).toMatchObject({
      kind: "legacy",
      region: { cell: "au1" },
    });
    expect(describeAccessUrl("https://acme.getdbt.com")).toMatchObject({ kind: "legacy" });
    expect(describeAccessUrl("http://127.0.0.1:4010")).toMatchObject({ kind: "loopback" });
    expect(describeAccessUrl("https://dbt.acme.internal")).toMatchObject({ kind: "custom" });
  });

  it("gives the 401 hint only for legacy hosts, with the fix", () => {
    const hint = legacyHostAuthHint("https://cloud.getdbt.com");
    expect(hint).toMatch(/legacy shared dbt Cloud host/);
    expect(hint).toMatch(/ACCOUNT_PREFIX\.us1\.dbt\.com/);
    expect(hint).toMatch(/Access URLs.*DBT_CLOUD_ACCESS_URL/);
    expect(legacyHostAuthHint("https://emea.dbt.com")).toMatch(/ACCOUNT_PREFIX\.eu1\.dbt\.com/);
    expect(legacyHostAuthHint("https://ab1.us1.dbt.com")).toBeUndefined();
    expect(legacyHostAuthHint("http://127.0.0.1:1")).toBeUndefined();
    expect(legacyHostAuthHint("not a url")).toBeUndefined();
  });

  it("recognises loopback hosts", () => {
    expect(isLoopbackHost("127.0.0.1")).toBe(true);
    expect(isLoopbackHost("127.1.2.3")).toBe(true);
    expect(isLoopbackHost("[::1]")).toBe(true);
    expect(isLoopbackHost("localhost")).toBe(true);
    expect(isLoopbackHost("128.0.0.1")).toBe(false);
  });
});
