import type { AccountConfig } from "./schema.js";
import { accountConfigSchema } from "./schema.js";

/**
 * The workspace served when the config has no `accounts`: one account, one project on the generated
 * dbt project, production and CI environments, and jobs covering the scenarios the action and its tests
 * need (plain build, docs, CI, failing tests, a model error, parse-only, no artifacts).
 */
export function defaultWorkspace(): AccountConfig[] {
  return [
    accountConfigSchema.parse({
      id: 1,
      name: "Emulated Analytics",
      projects: [
        {
          id: 11,
          name: "Emulated Shop",
          description: "The emulator's generated dbt project",
          environments: [
            {
              id: 101,
              name: "Production",
              type: "deployment",
              deploymentType: "production",
              dbtVersion: "latest",
              jobs: [
                { id: 1001, name: "Daily build", executeSteps: ["dbt build"] },
                { id: 1002, name: "Build and docs", executeSteps: ["dbt build"], generateDocs: true },
                {
                  id: 1004,
                  name: "Failing tests",
                  executeSteps: ["dbt build"],
                  behaviour: {
                    failNodes: ["assert_order_amount_positive", "unique_stg_customers_customer_id"],
                    warnNodes: ["accepted_values_orders_status"],
                  },
                },
                {
                  id: 1005,
                  name: "Model error",
                  executeSteps: ["dbt seed", "dbt run", "dbt test"],
                  behaviour: { failNodes: ["stg_payments"] },
                },
                { id: 1006, name: "Parse only", executeSteps: ["dbt parse"] },
                {
                  id: 1007,
                  name: "No artifacts",
                  executeSteps: ["dbt run"],
                  behaviour: { artifacts: false },
                },
              ],
            },
            {
              id: 102,
              name: "CI",
              type: "deployment",
              deploymentType: "staging",
              jobs: [{ id: 1003, name: "CI check", jobType: "ci", executeSteps: ["dbt build"] }],
            },
            { id: 103, name: "Development", type: "development" },
          ],
        },
      ],
    }),
  ];
}
