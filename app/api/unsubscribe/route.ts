import type { NextRequest } from "next/server";
import { unsubscribe } from "@/lib/notifications/commands";

export const dynamic = "force-dynamic";

/**
 * RFC 8058 one-click unsubscribe: a mail client POSTs here (the address in
 * the List-Unsubscribe header) when the reader presses its "unsubscribe"
 * button. The signed token in the query is the only authority; the body
 * ("List-Unsubscribe=One-Click") is not needed and not read. There is no
 * GET: a scanner fetching the link changes nothing (people reach
 * /unsubscribe, which asks before it acts).
 */
export async function POST(request: NextRequest) {
  const token = request.nextUrl.searchParams.get("token") ?? "";
  const result = await unsubscribe.run(null, { token });
  const headers = { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" };
  if (!result.ok) return new Response(`${result.error}\n`, { status: 400, headers });
  return new Response(`Done: ${result.data.email} gets no more mail about ${result.data.kinds.join(" or ")}.\n`, { headers });
}
