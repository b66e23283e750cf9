/**
 * Replaces zod's `locales/index.js` in the bundle (see tsup.config.ts). zod's error messages use `en`, which
 * zod imports directly; the namespace `z.locales` would otherwise pull ~40 translations (~260 KB) into the
 * start-up chunk although nothing here calls them.
 */
export { default as en } from "zod/v4/locales/en.js";
