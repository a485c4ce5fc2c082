import { randomUUID } from "node:crypto";
import { expect, type Page } from "@playwright/test";
import { waitForMail } from "./mail";

export const PASSWORD = "a long test passphrase";

export function newEmail(label: string) {
  return `${label}-${randomUUID().slice(0, 8)}@e2e.liftoff`;
}

/** Signs up, verifies the address through the mailed link, and signs in. */
export async function signUp(page: Page, name: string, email: string) {
  await page.goto("/sign-up");
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeVisible();
  await verifyFromMail(page, email);
  await page.goto("/sign-in");
  await signIn(page, email);
  await expect(page.getByTestId("current-user")).toHaveText(name);
}

/** Opens the newest verification link mailed to `email` and confirms it. */
export async function verifyFromMail(page: Page, email: string) {
  const mail = await waitForMail(email, /Confirm your email/);
  await page.goto(mail.link("/verify-email"));
  await page.getByRole("button", { name: "Verify my email address" }).click();
  await expect(page.getByText("Your email address is verified.")).toBeVisible();
}

export async function signIn(page: Page, email: string, password = PASSWORD) {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

export async function createTeam(page: Page, name: string) {
  await page.goto("/teams/new");
  await page.getByLabel("Team name").fill(name);
  await page.getByRole("button", { name: "Create team" }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  return new URL(page.url()).pathname.split("/")[2]!;
}
