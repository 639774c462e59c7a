import { unstable_parseMultipartFormData, type UploadHandler } from "@remix-run/node";
import { UploadError } from "./errors";
import { MAX_UPLOAD_BYTES } from "./limits";
import { tooLarge } from "./uploads.server";

const MAX_FIELD_BYTES = 4 * 1024;
/** The image plus a few short fields and the multipart framing. */
const MAX_REQUEST_BYTES = MAX_UPLOAD_BYTES + 64 * 1024;

/**
 * Reads a multipart form holding one image (`file`) and short text fields, refusing as soon as a
 * part or the whole body passes its limit, Content-Length or not, so an oversized request is
 * never held in memory.
 */
export async function readImageForm(request: Request): Promise<{ image: Buffer; fields: FormData }> {
  if (!request.headers.get("content-type")?.startsWith("multipart/form-data")) throw chooseImage();
  if (Number(request.headers.get("content-length") ?? 0) > MAX_REQUEST_BYTES) throw tooLarge();
  let total = 0;
  const received: { image?: Buffer } = {};
  // The image is kept aside as bytes; only the short text fields go into the FormData.
  const handler: UploadHandler = async ({ name, filename, data }) => {
    const limit = filename === undefined ? MAX_FIELD_BYTES : MAX_UPLOAD_BYTES;
    const chunks: Uint8Array[] = [];
    let size = 0;
    for await (const chunk of data) {
      size += chunk.byteLength;
      total += chunk.byteLength;
      if (total > MAX_REQUEST_BYTES || size > limit) {
        throw filename === undefined ? new UploadError("The form has a field that is too long.") : tooLarge();
      }
      chunks.push(chunk);
    }
    if (filename === undefined) return Buffer.concat(chunks).toString("utf8");
    if (name === "file") received.image ??= Buffer.concat(chunks);
    return undefined;
  };
  let fields: FormData;
  try {
    fields = await unstable_parseMultipartFormData(request, handler);
  } catch (error) {
    if (error instanceof UploadError) throw error;
    throw new UploadError("The upload did not arrive complete. Try again.");
  }
  const { image } = received;
  if (!image?.byteLength) throw chooseImage();
  return { image, fields };
}

const chooseImage = () => new UploadError("Choose an image file to upload.");
