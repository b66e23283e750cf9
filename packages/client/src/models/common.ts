import { z } from "zod";

/** Lenient field helpers: the API often sends `null` for absent values. */
export const nInt = () => z.number().int().nullish();
export const nStr = () => z.string().nullish();
export const nBool = () => z.boolean().nullish();
