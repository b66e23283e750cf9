// Each app's bundle maps this name to the undici package itself (its tsup.config.ts); see lazy-undici.ts.
declare module "dbt-cloud-kit-real-undici" {
  export * from "undici";
}
