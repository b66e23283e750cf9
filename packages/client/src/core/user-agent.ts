import pkg from "../../package.json" with { type: "json" };

export const CLIENT_VERSION: string = pkg.version;
export const USER_AGENT = `${pkg.name}/${pkg.version} (+https://github.com/dbt-cloud-kit/dbt-cloud-kit)`;
