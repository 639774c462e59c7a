export { RENDERER_VERSION, renderMarkdown, extractReferences } from "./render";
export { resolveReferences, PRIVATE_CONTENT, type Visible } from "./resolve";
export { referencesInHtml, type References } from "./references";
export {
  MAX_POST_LENGTH,
  MarkdownTimeoutError,
  MarkdownTooComplexError,
  PostTooLongError,
  assertPostLength,
} from "./errors";
