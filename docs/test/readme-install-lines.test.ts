import { describe, expect, it } from "vitest";
import { importedPackages, npmInstalled, READMES, readmeExamples, readmeText } from "./readme-blocks.js";

describe("every README tells a new user how to install and what runs it", () => {
  it.each(READMES)("%s says the packages are ESM-only and which Node versions they support", (readme) => {
    const text = readmeText(readme);
    expect(text).toMatch(/ESM-only/);
    expect(text).toMatch(/Node(\.js)? >= 20\.19/);
  });

  it.each(READMES.filter((r) => r.startsWith("packages/")))(
    "%s installs with npm and says how to use the packed tarballs until then",
    (readme) => {
      const text = readmeText(readme);
      const name = `@dbt-cloud-kit/${readme.split("/")[1]}`;
      expect(npmInstalled(text)).toContain(name);
      expect(text).toContain("../../README.md#installing-from-tarballs");
    },
  );

  it("the root README documents installing from tarballs", () => {
    expect(readmeText("README.md")).toMatch(/^### Installing from tarballs$/m);
    expect(readmeText("README.md")).toMatch(/pack --pack-destination/);
  });

  for (const readme of READMES) {
    for (const example of readmeExamples(readme)) {
      it(`${readme}: ${example.name} installs what it imports`, () => {
        const installed = npmInstalled(readmeText(readme));
        for (const name of importedPackages(example.code)) expect(installed, name).toContain(name);
      });
    }
  }
});
