import fs from "node:fs";
import path from "node:path";

export class DataDirError extends Error {}

/**
 * PGlite does not lock its data folder, and two processes writing one folder corrupt it.
 * Whoever opens the embedded database (the server or a CLI command) holds this lock file.
 */
export function acquireDataDirLock(dataDir: string, holder: string): () => void {
  try {
    fs.mkdirSync(dataDir, { recursive: true });
    fs.accessSync(dataDir, fs.constants.W_OK);
  } catch {
    throw new DataDirError(`DATA_DIR ${dataDir} is not writable (check the path and its permissions)`);
  }
  const lockPath = path.join(dataDir, "embedded-db.lock");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, JSON.stringify({ pid: process.pid, holder }), { flag: "wx" });
      let released = false;
      return () => {
        if (released) return;
        released = true;
        fs.rmSync(lockPath, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const owner = readOwner(lockPath);
      if (owner && isAlive(owner.pid)) {
        throw new DataDirError(
          `The embedded database in ${dataDir} is in use by ${owner.holder} (pid ${owner.pid}). ` +
            `Stop it first, or point DATA_DIR elsewhere.`,
        );
      }
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new DataDirError(`Could not lock ${lockPath}`);
}

function readOwner(lockPath: string): { pid: number; holder: string } | null {
  try {
    return JSON.parse(fs.readFileSync(lockPath, "utf8"));
  } catch {
    return null;
  }
}

function isAlive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
