import { describe, expect, it } from "vitest";
import { env } from "@/lib/env";
import {
  accountExistsMail,
  appUrl,
  invitationMail,
  passwordChangedMail,
  passwordResetMail,
  verifyEmailMail,
} from "@/lib/mail/templates";

const link = "http://localhost:3000/some/path?token=abc.def";
const base = env.NEXTAUTH_URL.replace(/\/+$/, "");

describe("mail templates", () => {
  const mails = {
    verifyEmail: verifyEmailMail({ name: "Ada", link, expiresInHours: 24 }),
    accountExists: accountExistsMail({ signInLink: link, resetLink: `${link}&reset` }),
    invitation: invitationMail({
      teamName: "Fraud models",
      roles: ["PM", "QA"],
      inviterName: "Grace",
      link,
      expiresAt: new Date("2026-12-01T09:30:00Z"),
    }),
    passwordReset: passwordResetMail({ link, expiresInMinutes: 30 }),
    passwordChanged: passwordChangedMail({ when: new Date("2026-11-20T08:00:00Z") }),
  };

  it.each(Object.entries(mails))("%s: a one-line subject, a first line that says what it is, the link alone on a line, who sent it", (_, mail) => {
    expect(mail.subject).not.toMatch(/\n/);
    expect(mail.text.split("\n")[0]!.length).toBeGreaterThan(20);
    expect(mail.text.split("\n")).toContainEqual(expect.stringMatching(/^https?:\/\/\S+$/));
    expect(mail.text).toContain(`Sent by Liftoff (${base}/) because`);
  });

  it("puts each link on a line of its own, unchanged", () => {
    expect(mails.verifyEmail.text.split("\n")).toContain(link);
    expect(mails.accountExists.text.split("\n")).toEqual(expect.arrayContaining([link, `${link}&reset`]));
    expect(mails.invitation.text.split("\n")).toContain(link);
    expect(mails.passwordReset.text.split("\n")).toContain(link);
    expect(mails.passwordChanged.text.split("\n")).toContain(`${base}/forgot-password`);
  });

  it("says who invited whom to what, as which roles, until when (in UTC)", () => {
    expect(mails.invitation.subject).toBe("Grace invited you to Fraud models on Liftoff");
    expect(mails.invitation.text).toContain('Grace invited you to join the team "Fraud models" on Liftoff as product manager and QA.');
    expect(mails.invitation.text).toContain("expires on 1 December 2026 at 09:30 UTC");
    expect(mails.passwordReset.text).toContain("expires in 30 minutes");
    expect(verifyEmailMail({ name: "Ada", link, expiresInHours: 1 }).text).toContain("expires in 1 hour.");
  });

  it("keeps user-chosen names on one line, so they cannot fake a link line or a header", () => {
    const mail = invitationMail({
      teamName: "Team\r\nBcc: x@evil.test",
      roles: [],
      inviterName: "Eve\n\nhttp://evil.test/\n",
      link,
      expiresAt: new Date(),
    });
    expect(mail.subject).toBe("Eve http://evil.test/ invited you to Team Bcc: x@evil.test on Liftoff");
    expect(mail.text.split("\n")).not.toContain("http://evil.test/");
  });

  it("joins NEXTAUTH_URL and a path with exactly one slash", () => {
    expect(appUrl("/sign-in")).toBe(`${base}/sign-in`);
    expect(appUrl("sign-in?next=%2F")).toBe(`${base}/sign-in?next=%2F`);
  });
});
