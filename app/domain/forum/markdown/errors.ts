import { DomainError } from "../../errors";

export const MAX_POST_LENGTH = 50_000;

/** Marked is synchronous and some inputs are slow or deep enough to exhaust the stack. */
export class MarkdownTooComplexError extends DomainError {
  constructor() {
    super("This post is too complex to format. Simplify it and try again.", 400);
    this.name = "MarkdownTooComplexError";
  }
}

/** The render pool gave up on a post after its time limit. */
export class MarkdownTimeoutError extends MarkdownTooComplexError {
  constructor(readonly timeoutMs: number) {
    super();
    this.name = "MarkdownTimeoutError";
  }
}

export class PostTooLongError extends DomainError {
  constructor() {
    super(`Keep the post to ${MAX_POST_LENGTH.toLocaleString("en")} characters or fewer.`, 400);
    this.name = "PostTooLongError";
  }
}

export function assertPostLength(source: string) {
  if (source.length > MAX_POST_LENGTH) throw new PostTooLongError();
}
