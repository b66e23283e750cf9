/**
 * Replaces zod's `locales/index.js` in the bundle (see tsup.config.ts): zod's messages use `en`, imported
 * directly; the `z.locales` namespace would otherwise load ~40 translations at start-up for nothing.
 */
export { default as en } from "zod/v4/locales/en.js";
