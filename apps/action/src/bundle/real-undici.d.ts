// The bundle maps this name to the undici package itself (tsup.config.ts); see lazy-undici.ts.
declare module "dbt-cloud-kit-real-undici" {
  export * from "undici";
}
