import cliProgress from "cli-progress";
import type { Kysely } from "kysely";
import type { DB } from "../schema";
import { rebuildRecognition } from "../../app/domain/recognition/rebuild.server";

/** The rebuild with a progress bar on stderr (cli-progress draws nothing when it is not a terminal). */
export async function rebuildWithProgressBar(db: Kysely<DB>, batchSize: number) {
  const bar = new cliProgress.SingleBar(
    { format: "Replaying {bar} {value}/{total} events, {eta_formatted} left", hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  try {
    return await rebuildRecognition(db, {
      batchSize,
      onProgress: (done, total) => {
        if (!started) bar.start(total, done);
        started = true;
        bar.setTotal(total);
        bar.update(done);
      },
    });
  } finally {
    bar.stop();
  }
}
