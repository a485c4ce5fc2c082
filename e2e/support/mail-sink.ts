// The end-to-end tests' mail server: accepts whatever the app sends over SMTP
// and lets tests read it back over HTTP. Started by playwright.config.ts;
// by hand: npx tsx e2e/support/mail-sink.ts
//   GET /messages?to=<address>  → [{ to, subject, text, date, headers }], oldest first
//   (headers: the List-* headers, by lower-case name)
//   GET /health                 → 200
import http from "node:http";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

const smtpPort = Number(process.env.MAIL_SINK_SMTP_PORT ?? 2525);
const httpPort = Number(process.env.MAIL_SINK_HTTP_PORT ?? 3125);
// A long run keeps only the latest messages.
const KEEP = 2_000;

type Message = { to: string; subject: string; text: string; date: string; headers: Record<string, string> };
const messages: (Message & { recipients: string[] })[] = [];

const smtp = new SMTPServer({
  authOptional: true,
  // nodemailer upgrades to TLS when offered and would refuse a self-signed certificate.
  disabledCommands: ["STARTTLS"],
  logger: false,
  onData(stream, session, callback) {
    simpleParser(stream).then((mail) => {
      // The envelope says who it was really sent to, whatever the headers say.
      const recipients = session.envelope.rcptTo.map((rcpt) => rcpt.address.toLowerCase());
      messages.push({
        to: recipients.join(", "),
        recipients,
        subject: mail.subject ?? "",
        text: mail.text ?? "",
        date: new Date().toISOString(),
        headers: Object.fromEntries(
          mail.headerLines
            .filter(({ key }) => key.startsWith("list-"))
            // Unfolded, without the name: the value as the sender wrote it.
            .map(({ key, line }) => [key, line.replace(/\r?\n[ \t]+/g, " ").replace(/^[^:]+:\s*/, "")]),
        ),
      });
      if (messages.length > KEEP) messages.splice(0, messages.length - KEEP);
      callback();
    }, callback);
  },
});

const web = http.createServer((request, response) => {
  const url = new URL(request.url ?? "/", "http://sink");
  if (request.method === "GET" && url.pathname === "/health") {
    response.writeHead(200, { "content-type": "text/plain" }).end("ok");
  } else if (request.method === "GET" && url.pathname === "/messages") {
    const to = url.searchParams.get("to")?.toLowerCase();
    const found = messages
      .filter((m) => !to || m.recipients.includes(to))
      .map(({ to, subject, text, date, headers }) => ({ to, subject, text, date, headers }));
    response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(found));
  } else {
    response.writeHead(404).end();
  }
});

smtp.on("error", (error) => console.error("mail sink (SMTP):", error.message));
smtp.listen(smtpPort, "127.0.0.1", () => {
  web.listen(httpPort, "127.0.0.1", () => {
    console.log(`mail sink: SMTP on 127.0.0.1:${smtpPort}, messages on http://127.0.0.1:${httpPort}/messages`);
  });
});

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    web.close();
    smtp.close(() => process.exit(0));
    // Do not wait for a client that keeps its SMTP connection open.
    setTimeout(() => process.exit(0), 1_000).unref();
  });
}
