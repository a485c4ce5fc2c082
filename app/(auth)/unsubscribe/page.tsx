import type { Metadata } from "next";
import Link from "next/link";
import { UnsubscribeForm } from "@/components/notifications/unsubscribe-form";
import { db } from "@/lib/db";
import { kindName } from "@/lib/notifications/kinds";
import { verifyUnsubscribeToken } from "@/lib/notifications/token";

export const metadata: Metadata = { title: "Unsubscribe" };

const list = (items: string[]) => new Intl.ListFormat("en", { style: "long", type: "disjunction" }).format(items);

// Reached from the link in a notification mail, signed in or not. Shows what
// the button will do; nothing changes until it is pressed.
export default async function UnsubscribePage({ searchParams }: { searchParams: Promise<{ token?: string | string[] }> }) {
  const { token } = await searchParams;
  const grant = typeof token === "string" && token.length <= 500 ? verifyUnsubscribeToken(token) : null;
  const user = grant ? await db.user.findUnique({ where: { id: grant.userId }, select: { email: true } }) : null;
  if (!grant || !user || typeof token !== "string") {
    return (
      <>
        <h1 className="mb-2 text-2xl font-semibold">This link does not work</h1>
        <p className="mb-6 text-sm text-slate-700">
          It may have been cut short when it was copied. Open it again from the mail, or choose which mail you get in your
          notification settings.
        </p>
        <Link className="font-medium text-indigo-700 underline" href="/account#notifications">
          Notification settings
        </Link>
      </>
    );
  }
  return <UnsubscribeForm token={token} what={list(grant.kinds.map(kindName))} email={user.email} />;
}
