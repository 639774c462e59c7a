import { Writable } from "node:stream";
import type { EntryContext } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { renderToPipeableStream } from "react-dom/server";

const ABORT_DELAY_MS = 5_000;

/**
 * Every page is rendered whole, then sent as one body with its length (decision 040). Loaders
 * finish before rendering starts and no route defers data, so streaming the shell early gains
 * nothing here, while piping React's chunks through a Node stream, a web stream and Express cost
 * a write each and most of a signed-in page's socket time. The abort timer is cleared once the
 * page is done, so it does not hold a finished render in memory for five seconds.
 */
export default function handleRequest(request: Request, status: number, headers: Headers, remixContext: EntryContext) {
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const chunks: Buffer[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk);
        done();
      },
    });
    const { pipe, abort } = renderToPipeableStream(<RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY_MS} />, {
      onAllReady() {
        shellRendered = true;
        sink.on("finish", () => {
          clearTimeout(timer);
          const body = Buffer.concat(chunks);
          headers.set("Content-Type", "text/html; charset=utf-8");
          headers.set("Content-Length", String(body.length));
          resolve(new Response(body, { headers, status }));
        });
        pipe(sink);
      },
      onShellError(error: unknown) {
        clearTimeout(timer);
        reject(error);
      },
      onError(error: unknown) {
        status = 500;
        // Errors in the shell reject above and handleDocumentRequest logs them.
        if (shellRendered) console.error(error);
      },
    });
    const timer = setTimeout(abort, ABORT_DELAY_MS);
  });
}
