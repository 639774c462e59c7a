import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { isUploadId } from "./limits";

/**
 * Image files on local disk, one file per upload named by its id. The database decides who may
 * read a file; this module only moves bytes. The server makes one for DATA_DIR/uploads.
 */
export interface UploadStorage {
  readonly dir: string;
  write(id: string, data: Buffer): Promise<void>;
  /** The file as a stream, or null when it is missing (the row outlived its file). */
  open(id: string): Promise<fs.ReadStream | null>;
  remove(id: string): Promise<void>;
}

export function createUploadStorage(dir: string): UploadStorage {
  const file = (id: string) => {
    // Ids come from newId(); anything else never becomes a path.
    if (!isUploadId(id)) throw new Error(`not an upload id: ${id}`);
    return path.join(dir, id);
  };
  return {
    dir,
    async write(id, data) {
      const target = file(id);
      await fs.promises.mkdir(dir, { recursive: true });
      // Written whole, then renamed: a reader never sees half a file.
      const temporary = path.join(dir, `.${id}.${crypto.randomBytes(4).toString("hex")}.tmp`);
      try {
        await fs.promises.writeFile(temporary, data, { flag: "wx" });
        await fs.promises.rename(temporary, target);
      } catch (error) {
        await fs.promises.rm(temporary, { force: true });
        throw error;
      }
    },
    async open(id) {
      try {
        const handle = await fs.promises.open(file(id), "r");
        return handle.createReadStream();
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
        throw error;
      }
    },
    async remove(id) {
      await fs.promises.rm(file(id), { force: true });
    },
  };
}
