import type { CliContext } from "../context/cli-context.js";
import { EXIT } from "../errors/exit-codes.js";
import { OptionReader } from "../options/option-reader.js";
import { buildSensor, readSensorSettings, reportTick, type SensorOptions } from "./sensor-setup.js";

/**
 * `sensor`: one tick (or, with --watch, `sensor.run`) of @dbt-cloud-kit/sensor. Events go out before the
 * cursor is saved (at-least-once); FileCursorStore writes it atomically with compare-and-set.
 */
export async function handler(
  ctx: CliContext,
  _args: string[],
  options: SensorOptions & { watch?: boolean },
): Promise<number> {
  const reader = new OptionReader(options, ctx.env);
  const settings = readSensorSettings(reader, options);
  reader.done();
  const sensor = await buildSensor(ctx, settings);
  const { FileCursorStore } = await import("@dbt-cloud-kit/sensor");
  const store = new FileCursorStore(settings.cursorFile);
  if (options.watch) {
    ctx.info(`Watching ${sensor.name} (Ctrl-C to stop); cursor in ${settings.cursorFile}.`);
    await sensor.run({
      store,
      signal: ctx.signal,
      onTick: (result) => reportTick(ctx, result),
      ...(settings.budgetMs !== undefined ? { budgetMs: settings.budgetMs } : {}),
    });
    ctx.info("Sensor stopped.");
    return EXIT.success;
  }
  const { cursor, version } = await store.load();
  const result = await sensor.tick({
    ...(cursor !== undefined ? { cursor } : {}),
    signal: ctx.signal,
    ...(settings.budgetMs !== undefined ? { budgetMs: settings.budgetMs } : {}),
  });
  reportTick(ctx, result);
  const saved = await store.save(result.cursor, version);
  if (!saved.ok) {
    throw new Error(
      `The cursor in ${settings.cursorFile} was changed by another process during this tick; it was not overwritten. The events above may be reported again by the next call (at-least-once). Run one sensor per cursor file.`,
    );
  }
  ctx.info(
    `${result.runs.length} run${result.runs.length === 1 ? "" : "s"}, ${result.events.length} event${result.events.length === 1 ? "" : "s"}${result.complete ? "" : " (budget reached: the next call resumes here)"}; cursor saved to ${settings.cursorFile}.`,
  );
  return EXIT.success;
}
