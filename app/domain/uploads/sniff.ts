export type SniffedFormat = "jpeg" | "png" | "webp" | "gif";

const startsWith = (data: Uint8Array, bytes: number[], at = 0) => bytes.every((byte, i) => data[at + i] === byte);
const ascii = (text: string) => Array.from(text, (c) => c.charCodeAt(0));

/**
 * The format the first bytes declare. Only these four decoders ever see an uploaded file, so a
 * crafted SVG, PDF or TIFF never reaches libvips' other loaders whatever its name or MIME type.
 */
export function sniffImageFormat(data: Uint8Array): SniffedFormat | null {
  if (startsWith(data, [0xff, 0xd8, 0xff])) return "jpeg";
  if (startsWith(data, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "png";
  if (startsWith(data, ascii("GIF87a")) || startsWith(data, ascii("GIF89a"))) return "gif";
  if (startsWith(data, ascii("RIFF")) && startsWith(data, ascii("WEBP"), 8)) return "webp";
  return null;
}

/** Image formats people commonly try that we do not take, named so the refusal can say which. */
export function otherImageFormat(data: Uint8Array): string | null {
  if (startsWith(data, ascii("II*\0")) || startsWith(data, ascii("MM\0*"))) return "TIFF";
  if (startsWith(data, ascii("BM"))) return "BMP";
  if (startsWith(data, ascii("ftyp"), 4)) {
    const brand = String.fromCharCode(...data.subarray(8, 12));
    if (brand.startsWith("avi")) return "AVIF";
    if (["heic", "heix", "heim", "heis", "mif1", "msf1"].includes(brand)) return "HEIC";
  }
  const head = new TextDecoder().decode(data.subarray(0, 256)).trimStart().toLowerCase();
  if (head.startsWith("<svg") || (head.startsWith("<?xml") && head.includes("<svg"))) return "SVG";
  return null;
}
