/**
 * A refusal the user should read: routes turn it into the HTTP status and, when `field` is set,
 * a message at that form field.
 */
export class DomainError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 403 | 404 | 409 | 429 = 400,
    readonly field?: string,
  ) {
    super(message);
  }
}

export const notFound = (what = "That page") => new DomainError(`${what} does not exist.`, 404);
export const forbidden = (message = "You are not allowed to do that.") => new DomainError(message, 403);
