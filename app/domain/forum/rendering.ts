/** What the Markdown pipeline returns; the forum stores the HTML and acts on the references. */
export interface RenderedPost {
  html: string;
  references: { mentions: string[]; quotedPostIds: string[]; linkedThreadIds: string[] };
}

/** Rendered HTML plus the renderer version that produced it (stored, so old posts can be re-rendered). */
export type RenderedWithVersion = RenderedPost & { rendererVersion: number };

/** The forum takes rendering as a dependency: the server passes its worker pool, tests a direct call. */
export type RenderMarkdown = (source: string) => Promise<RenderedWithVersion>;
