import { fileURLToPath } from "node:url";
import type { ViteUserConfig } from "vitest/config";

/** Tests read every workspace package from `src/` through the source export condition. */
export const sourceConditions = ["@dbt-cloud-kit/source", "module", "node", "import", "default"];

export function sharedProjectConfig(configUrl: string): ViteUserConfig {
  const root = fileURLToPath(new URL(".", configUrl));
  return {
    root,
    resolve: { conditions: sourceConditions },
    ssr: { resolve: { conditions: sourceConditions, externalConditions: sourceConditions } },
    test: {
      name: root.split("/").filter(Boolean).slice(-1)[0] ?? "project",
      environment: "node",
      include: ["test/**/*.test.ts"],
      testTimeout: 30_000,
      hookTimeout: 30_000,
      restoreMocks: true,
    },
  };
}
