import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { simpleParser, type ParsedMail } from "mailparser";

/**
 * A real SMTP server on a free local port, started inside the test: whatever the app sends
 * arrives here, parsed by mailparser, in arrival order.
 */
export async function startSmtpSink() {
  const inbox: ParsedMail[] = [];
  const waiting: Array<() => void> = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          inbox.push(mail);
          for (const wake of waiting.splice(0)) wake();
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    inbox,
    /** Mail to this address, in arrival order. */
    to: (address: string) => inbox.filter((mail) => addressesOf(mail).includes(address.toLowerCase())),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export function addressesOf(mail: ParsedMail) {
  const to = Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : [];
  return to.flatMap((group) => group.value.map((a) => (a.address ?? "").toLowerCase()));
}

/** The first link to this path in a mail's text part, and its token. */
export function linkIn(mail: ParsedMail, path: string) {
  const match = (mail.text ?? "").match(new RegExp(`(https?://[^\\s]+${path.replace(/[/?]/g, "\\$&")}[^\\s]*)`));
  if (!match) throw new Error(`no ${path} link in: ${mail.text}`);
  const url = new URL(match[1]!);
  return { url, token: url.searchParams.get("token") ?? "" };
}

/** A header as it was sent (mailparser folds the List-* headers into one structured value). */
export function rawHeader(mail: ParsedMail, name: string) {
  const line = mail.headerLines.find((h) => h.key === name.toLowerCase())?.line;
  return line?.slice(line.indexOf(":") + 1).replace(/\r?\n\s+/g, " ").trim();
}
