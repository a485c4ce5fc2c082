import { expect, test } from "@playwright/test";
import { seedFeature, seedTeam, signedInAs, runSql, type SeededTeam } from "./fixtures";
import { waitForMail } from "./mail";

// A PM asks a developer for a sign-off and mentions them; the mails arrive
// at the real SMTP sink; the unsubscribe link of one (opened signed out) and
// the one-click List-Unsubscribe of the other turn those kinds off.

let team: SeededTeam;
test.beforeAll(async () => {
  team = await seedTeam([
    { key: "pm", name: "Pat Product", roles: ["PM"] },
    { key: "dev", name: "Dana Dev", roles: ["DEV"] },
  ]);
});
test.afterAll(async () => team?.cleanup());

const preferences = (userId: string) =>
  runSql(`SELECT kind::text, delivery::text FROM "NotificationPreference" WHERE "userId" = $1 ORDER BY "NotificationPreference".kind`, [userId]);

test("a sign-off request and a mention reach the developer by mail, and each mail's unsubscribe turns its kind off", async ({ browser, request }) => {
  const dev = team.people.dev!;
  const featureId = await seedFeature(team.teamId, team.people.pm!.id, "BUILD", "Late-delivery alert");
  const pm = await signedInAs(browser, team, "pm");
  await pm.goto(`/teams/${team.teamId}/features/${featureId}`);

  const since = new Date();
  await pm.getByRole("button", { name: "Request developer sign-off" }).click();
  await expect(pm.getByText("Requested.", { exact: true })).toBeVisible();

  const asked = await waitForMail(dev.email, /asked for your developer sign-off/, { since });
  expect(asked.subject).toBe('Pat Product asked for your developer sign-off on the Build gate of "Late-delivery alert".');
  expect(asked.text).toContain(`/teams/${team.teamId}/features/${featureId}#gate-heading`);
  expect(asked.headers["list-unsubscribe-post"]).toBe("List-Unsubscribe=One-Click");

  // The link in the mail, opened signed out: it only asks (a mail scanner
  // fetching it changes nothing).
  const outsider = await (await browser.newContext()).newPage();
  await outsider.goto(asked.link("/unsubscribe"));
  await expect(outsider.getByRole("heading", { name: "Stop this mail?" })).toBeVisible();
  await expect(outsider.getByText(`${dev.email} will get no more mail about sign-off requests`)).toBeVisible();
  expect(await preferences(dev.id)).toEqual([]);
  await outsider.getByRole("button", { name: "Stop mail about sign-off requests" }).click();
  await expect(outsider.getByRole("heading", { name: "Unsubscribed" })).toBeVisible();
  await expect(outsider.getByText(`Done: no more mail about sign-off requests to ${dev.email}.`)).toBeVisible();
  expect(await preferences(dev.id)).toEqual([{ kind: "SIGNOFF_REQUESTED", delivery: "OFF" }]);

  // A tampered link is refused.
  await outsider.goto(`${asked.link("/unsubscribe")}x`);
  await expect(outsider.getByRole("heading", { name: "This link does not work" })).toBeVisible();

  // A mention, then the mail client's one-click unsubscribe (RFC 8058).
  await pm.getByLabel("Comment", { exact: true }).fill(`@${dev.email} can you look at the serving plan?`);
  await pm.getByRole("button", { name: "Post comment" }).click();
  const mentioned = await waitForMail(dev.email, /mentioned you/, { since });
  expect(mentioned.text).toContain("can you look at the serving plan?");
  const oneClick = /^<(.+)>$/.exec(mentioned.headers["list-unsubscribe"] ?? "")?.[1];
  expect(oneClick).toMatch(/\/api\/unsubscribe\?token=/);
  const answer = await request.post(oneClick!, { form: { "List-Unsubscribe": "One-Click" } });
  expect(answer.status()).toBe(200);

  // The developer's account page shows both kinds off, the others as they were.
  const devPage = await signedInAs(browser, team, "dev");
  await devPage.goto("/account");
  const settings = devPage.getByRole("form", { name: "Notification settings" });
  await expect(settings.getByRole("radiogroup", { name: "Sign-off requests" }).getByRole("radio", { name: "Off" })).toBeChecked();
  await expect(settings.getByRole("radiogroup", { name: "Mentions" }).getByRole("radio", { name: "Off" })).toBeChecked();
  await expect(settings.getByRole("radiogroup", { name: "Failed criteria" }).getByRole("radio", { name: "Daily digest" })).toBeChecked();

  // And turns one back on from there.
  await settings.getByRole("radiogroup", { name: "Mentions" }).getByRole("radio", { name: "Immediately" }).check();
  await settings.getByRole("button", { name: "Save notification settings" }).click();
  await expect(settings.getByText("Notification settings saved.")).toBeVisible();
  expect(await preferences(dev.id)).toEqual([
    { kind: "SIGNOFF_REQUESTED", delivery: "OFF" },
    { kind: "MENTIONED", delivery: "IMMEDIATE" },
  ]);
});
