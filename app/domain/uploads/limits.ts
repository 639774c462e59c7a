/** Upload limits, shared by the server and the browser (which checks size before sending). */
export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;
export const MAX_UPLOAD_LABEL = "5 MB";
/** Decoded size cap: a small file can expand to gigabytes of pixels (a decompression bomb). */
export const MAX_INPUT_PIXELS = 50_000_000;
export const MAX_ATTACHMENT_WIDTH = 1600;
export const AVATAR_SIZE = 256;
export const UPLOADS_PER_HOUR = 20;

/** For the file picker only; the server decides by the file's content. */
export const ACCEPTED_IMAGE_TYPES = "image/jpeg,image/png,image/webp,image/gif";

export const uploadPath = (id: string) => `/uploads/${id}`;

/** newId(): 12 random bytes, base64url. Anything else is never looked up or made into a path. */
export const isUploadId = (value: string | undefined): value is string => value !== undefined && /^[A-Za-z0-9_-]{16}$/.test(value);
