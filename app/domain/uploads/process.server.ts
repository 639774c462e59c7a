import sharp from "sharp";
import type { StoredMime, UploadKind } from "../../../db/schema-parts/uploads";
import { UploadError } from "./errors";
import { AVATAR_SIZE, MAX_ATTACHMENT_WIDTH, MAX_INPUT_PIXELS } from "./limits";
import { otherImageFormat, sniffImageFormat } from "./sniff";

export interface ProcessedImage {
  data: Buffer;
  mime: StoredMime;
  width: number;
  height: number;
}

const ACCEPTED = "Use a JPEG, PNG, WebP or GIF image.";

/**
 * Decides what the file is from its bytes (never its name or the browser's MIME type), then
 * re-encodes it: the output is pixels only, so EXIF (GPS position, camera serial), XMP, IPTC and
 * comments do not survive, and whatever a crafted file hid after its image data is gone too.
 */
export async function processImage(input: Buffer, kind: UploadKind): Promise<ProcessedImage> {
  const format = sniffImageFormat(input);
  if (!format) {
    const other = otherImageFormat(input);
    throw new UploadError(other ? `${other} images are not supported. ${ACCEPTED}` : `This file is not an image we can read. ${ACCEPTED}`);
  }
  const metadata = await sharp(input, { limitInputPixels: false })
    .metadata()
    .catch(() => null);
  if (!metadata || metadata.format !== format || !metadata.width || !metadata.height) {
    throw new UploadError(`This image is damaged or incomplete. ${ACCEPTED}`);
  }
  if (metadata.width * metadata.height > MAX_INPUT_PIXELS) {
    throw new UploadError(`This image is too large (${metadata.width} × ${metadata.height} pixels). Images can be at most ${MAX_INPUT_PIXELS / 1_000_000} megapixels.`, 413);
  }

  // A GIF or animated WebP keeps its first frame only.
  let pipeline = sharp(input, { limitInputPixels: MAX_INPUT_PIXELS, failOn: "error", animated: false, autoOrient: true }).timeout({ seconds: 20 });
  let mime: StoredMime;
  if (kind === "avatar") {
    pipeline = pipeline.resize(AVATAR_SIZE, AVATAR_SIZE, { fit: "cover", position: "attention" }).webp({ quality: 85 });
    mime = "image/webp";
  } else {
    pipeline = pipeline.resize({ width: MAX_ATTACHMENT_WIDTH, withoutEnlargement: true });
    if (format === "jpeg") [pipeline, mime] = [pipeline.jpeg({ quality: 85 }), "image/jpeg"];
    else if (format === "webp") [pipeline, mime] = [pipeline.webp({ quality: 85 }), "image/webp"];
    else [pipeline, mime] = [pipeline.png(), "image/png"];
  }
  try {
    const { data, info } = await pipeline.toBuffer({ resolveWithObject: true });
    return { data, mime, width: info.width, height: info.height };
  } catch {
    throw new UploadError(`This image is damaged or incomplete. ${ACCEPTED}`);
  }
}
