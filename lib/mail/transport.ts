import "server-only";
import nodemailer from "nodemailer";
import { env } from "@/lib/env";

export type OutgoingMail = { from: string; to: string; subject: string; text: string; headers?: Record<string, string> };
export type MailTransport = { send(mail: OutgoingMail): Promise<void> };

/**
 * SMTP when a URL is given (smtp://user:pass@host:587, smtps://… for TLS from
 * the start). Without one, e.g. in the demo, each message is printed to the
 * server log so its links can be copied from there.
 */
export function createMailTransport(smtpUrl: string | undefined = env.SMTP_URL): MailTransport {
  if (!smtpUrl) {
    return {
      async send(mail) {
        console.info(`[mail] To: ${mail.to}\n[mail] Subject: ${mail.subject}\n\n${mail.text}\n[mail] (end of message)`);
      },
    };
  }
  // nodemailer waits up to two minutes for a connection by default; failing
  // sooner hands the job back to the queue's retry schedule instead.
  const transporter = nodemailer.createTransport({
    url: smtpUrl,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  return {
    async send(mail) {
      await transporter.sendMail(mail);
    },
  };
}
