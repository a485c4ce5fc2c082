import { expect, test } from "@playwright/test";
import { createTeam, newEmail, PASSWORD, signIn, signUp } from "./helpers";
import { waitForMail } from "./mail";

test("a lead builds a team: invite, join with invited roles, change roles; others are kept out", async ({
  browser,
}) => {
  const lead = await browser.newContext();
  const leadPage = await lead.newPage();
  await signUp(leadPage, "Lea Lead", newEmail("lead"));
  // A new user without a team is sent to create one.
  await expect(leadPage).toHaveURL(/\/teams\/new$/);
  const teamId = await createTeam(leadPage, "Checkout Fraud");

  // Invite a second person as PM.
  const pmEmail = newEmail("pm");
  await leadPage.getByRole("link", { name: "Members" }).click();
  await leadPage.getByLabel("Email").fill(pmEmail);
  await leadPage.getByRole("checkbox", { name: "Product manager", exact: true }).check();
  await leadPage.getByRole("button", { name: "Send invitation" }).click();
  await expect(leadPage.getByRole("status").filter({ hasText: `Invitation mailed to ${pmEmail}` })).toBeVisible();
  // The lead can hand the link over too; it is the one in the mail.
  const copied = await leadPage.getByLabel(`Invitation link for ${pmEmail}`).inputValue();
  await expect(leadPage.getByRole("list", { name: "Pending invitations" })).toContainText(pmEmail);

  // The invited person opens the mailed link, creates an account from it and accepts.
  const mail = await waitForMail(pmEmail, /invited you to Checkout Fraud/);
  expect(new URL(copied).pathname).toBe(mail.link("/invite/"));
  const pm = await browser.newContext();
  const pmPage = await pm.newPage();
  await pmPage.goto(mail.link("/invite/"));
  await expect(pmPage.getByRole("heading", { name: "Join Checkout Fraud as Product manager?" })).toBeVisible();
  await pmPage.getByRole("link", { name: "Create account" }).click();
  await pmPage.getByLabel("Name").fill("Pat PM");
  await expect(pmPage.getByLabel("Email")).toHaveValue(pmEmail);
  await pmPage.getByLabel("Password").fill(PASSWORD);
  await pmPage.getByRole("button", { name: "Create account" }).click();
  await pmPage.getByRole("button", { name: "Accept" }).click();
  await expect(pmPage).toHaveURL(new RegExp(`/teams/${teamId}$`));
  await pmPage.getByRole("link", { name: "Members" }).click();
  const patRow = pmPage.getByRole("row", { name: /Pat PM/ });
  await expect(patRow.getByLabel("Product manager: yes")).toBeVisible();
  await expect(patRow.getByLabel("QA: no")).toBeVisible();
  // Read-only for a non-lead: no role controls, no invitation form.
  await expect(pmPage.getByRole("checkbox")).toHaveCount(0);
  await expect(pmPage.getByRole("button", { name: "Send invitation" })).toHaveCount(0);
  await expect(pmPage.getByRole("link", { name: "Audit log" })).toHaveCount(0);

  // The lead gives Pat the QA role too.
  await leadPage.reload();
  await leadPage.getByRole("checkbox", { name: "QA for Pat PM" }).check();
  await leadPage.getByRole("button", { name: "Save roles for Pat PM" }).click();
  await expect(leadPage.getByRole("status").filter({ hasText: "Roles saved." })).toBeVisible();

  await pmPage.reload();
  await expect(pmPage.getByRole("row", { name: /Pat PM/ }).getByLabel("QA: yes")).toBeVisible();

  // The audit log shows each step to the lead; a PM cannot see it.
  await leadPage.getByRole("link", { name: "Audit log" }).click();
  const log = leadPage.getByRole("table", { name: "Audit events" });
  // In words: who did what, no raw keys.
  await expect(log).toContainText(`Lea Lead changed the roles of ${pmEmail} from product manager to product manager and QA`);
  await expect(log).toContainText("Pat PM accepted the invitation and joined as product manager");
  await expect(log).toContainText(`Lea Lead invited ${pmEmail} as product manager`);
  await expect(log).not.toContainText("member.roles_changed");
  await pmPage.goto(`/teams/${teamId}/audit`);
  await expect(pmPage.getByText("Only a team lead can see the audit log.")).toBeVisible();

  // The last lead cannot demote themselves.
  await leadPage.goto(`/teams/${teamId}/members`);
  await leadPage.getByRole("checkbox", { name: "Team lead for Lea Lead" }).uncheck();
  await leadPage.getByRole("checkbox", { name: "Product manager for Lea Lead" }).check();
  await leadPage.getByRole("button", { name: "Save roles for Lea Lead" }).click();
  await expect(leadPage.getByRole("alert").filter({ hasText: "A team needs at least one team lead" })).toBeVisible();

  // An outsider gets "not found" for every page of the team.
  const outsider = await browser.newContext();
  const outsiderPage = await outsider.newPage();
  await signUp(outsiderPage, "Otto Outsider", newEmail("outsider"));
  for (const path of ["", "/members", "/audit"]) {
    const response = await outsiderPage.goto(`/teams/${teamId}${path}`);
    expect(response?.status()).toBe(404);
    await expect(outsiderPage.getByRole("heading", { name: "Not found" })).toBeVisible();
  }

  await Promise.all([lead.close(), pm.close(), outsider.close()]);
});

test("sign-in failures say only that the email or password is wrong", async ({ page }) => {
  const email = newEmail("someone");
  await signUp(page, "Sam Someone", email);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);

  await signIn(page, email, "wrong password");
  await expect(page.getByRole("alert").filter({ hasText: "Email or password is wrong." })).toBeVisible();
  await signIn(page, newEmail("nobody"), PASSWORD);
  await expect(page.getByRole("alert").filter({ hasText: "Email or password is wrong." })).toBeVisible();

  await signIn(page, email);
  await expect(page.getByTestId("current-user")).toHaveText("Sam Someone");
});

test("sign-up shows field-level messages and keeps what was typed", async ({ page }) => {
  await page.goto("/sign-up");
  await page.getByLabel("Name").fill("Short Password");
  await page.getByLabel("Email").fill("not-an-email");
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Use at least 8 characters.")).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Name")).toHaveValue("Short Password");
  await expect(page.getByLabel("Email")).toHaveValue("not-an-email");
});
