import { appUrl } from "@/lib/mail/templates";
import { kindName, type NotificationKind } from "@/lib/notifications/kinds";

// The notification mails, pure like lib/mail/templates.ts: the caller passes
// the events and the unsubscribe tokens it signed. Each event is a line of
// its own with the link to the exact place on the next line.

export type NotificationItem = { kind: NotificationKind; summary: string; path: string };
export type FeatureGroup = { teamName: string; featureTitle: string; items: NotificationItem[] };
export type NotificationMail = { subject: string; text: string; headers: Record<string, string> };

type Unsubscribe = {
  /** A token for every kind in the mail (the List-Unsubscribe header). */
  all: string;
  /** One token per kind in the mail (the links in the footer). */
  perKind: Map<NotificationKind, string>;
};

export function featureMail({ name, group, unsubscribe }: { name: string; group: FeatureGroup; unsubscribe: Unsubscribe }): NotificationMail {
  const { items } = group;
  const title = oneLine(group.featureTitle);
  const subject =
    items.length === 1 ? clip(items[0]!.summary, 160) : `${items.length} updates on "${clip(title, 100)}" (${oneLine(group.teamName)})`;
  return {
    subject,
    text: lines(
      `Hi ${oneLine(name)}, ${items.length === 1 ? "this" : "these"} happened on "${title}" in ${oneLine(group.teamName)}:`,
      "",
      ...itemLines(items),
      footer(unsubscribe),
    ),
    headers: listHeaders(unsubscribe.all),
  };
}

export function digestMail({ name, groups, unsubscribe }: { name: string; groups: FeatureGroup[]; unsubscribe: Unsubscribe }): NotificationMail {
  const count = groups.reduce((sum, g) => sum + g.items.length, 0);
  const features = groups.length;
  return {
    subject: `Your Liftoff digest: ${count} ${count === 1 ? "update" : "updates"} on ${features} ${features === 1 ? "feature" : "features"}`,
    text: lines(
      `Hi ${oneLine(name)}, here is what happened since your last digest.`,
      ...groups.flatMap((group) => [
        "",
        `"${oneLine(group.featureTitle)}" (${oneLine(group.teamName)})`,
        "",
        ...itemLines(group.items),
      ]),
      footer(unsubscribe),
    ),
    headers: listHeaders(unsubscribe.all),
  };
}

export const unsubscribePageUrl = (token: string) => appUrl(`/unsubscribe?token=${encodeURIComponent(token)}`);
export const oneClickUnsubscribeUrl = (token: string) => appUrl(`/api/unsubscribe?token=${encodeURIComponent(token)}`);

// RFC 8058: a mail client that offers "unsubscribe" POSTs
// "List-Unsubscribe=One-Click" to the URL; nothing happens on a GET.
function listHeaders(token: string): Record<string, string> {
  return {
    "List-Unsubscribe": `<${oneClickUnsubscribeUrl(token)}>`,
    "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
  };
}

function itemLines(items: NotificationItem[]): string[] {
  return items.flatMap((item) => [`- ${oneLine(item.summary)}`, `  ${appUrl(item.path)}`]);
}

function footer({ perKind }: Unsubscribe): string {
  const stops = [...perKind].flatMap(([kind, token]) => [`Stop mail about ${kindName(kind)}:`, unsubscribePageUrl(token)]);
  return [
    "",
    "-- ",
    `Sent by Liftoff (${appUrl("/")}) because of your notification settings:`,
    appUrl("/account#notifications"),
    ...stops,
  ].join("\n");
}

function lines(...parts: string[]): string {
  return `${parts.join("\n")}\n`;
}

function oneLine(value: string): string {
  return value.replace(/\s+/g, " ").trim();
}

function clip(value: string, length: number): string {
  const flat = oneLine(value);
  return flat.length > length ? `${flat.slice(0, length - 1)}…` : flat;
}
