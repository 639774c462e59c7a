/** An upload we refuse, with the message the uploader reads and the HTTP status it travels as. */
export class UploadError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 403 | 413 | 429 = 400,
  ) {
    super(message);
  }
}
