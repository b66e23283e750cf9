import { z } from "zod";
import { nBool, nInt, nStr } from "./common.js";

/** `{ data, status, extra }`: every JSON endpoint except raw artifact files. */
export const Envelope = z.looseObject({
  data: z.unknown(),
  status: z
    .looseObject({
      code: nInt(),
      is_success: nBool(),
      user_message: nStr(),
      developer_message: nStr(),
    })
    .nullish(),
  extra: z
    .looseObject({
      pagination: z.looseObject({ count: nInt(), total_count: nInt() }).nullish(),
      filters: z.looseObject({ limit: nInt(), offset: nInt() }).nullish(),
    })
    .nullish(),
});
export type Envelope = z.infer<typeof Envelope>;
