import "server-only";
import { headers } from "next/headers";
import { env } from "@/lib/env";

export type ClientInfo = { address: string; userAgent: string | null };

/**
 * The client's address, for throttling and the sessions list. `next start`
 * fills X-Forwarded-For with the socket address when the request has none;
 * each trusted reverse proxy appends the address it saw. The client is the
 * entry TRUSTED_PROXY_HOPS places left of the last one. (Served directly, a
 * client can send its own header: put a proxy that overwrites it in front.)
 */
export function clientFromHeaders(h: Headers, hops: number = env.TRUSTED_PROXY_HOPS): ClientInfo {
  const forwarded = (h.get("x-forwarded-for") ?? "")
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);
  const raw = forwarded[Math.max(0, forwarded.length - 1 - hops)] ?? "unknown";
  return {
    address: raw.replace(/^::ffff:/, "").slice(0, 64),
    userAgent: h.get("user-agent")?.slice(0, 300) ?? null,
  };
}

/** The current request's client; "unknown" outside a request. */
export async function currentClient(): Promise<ClientInfo> {
  try {
    return clientFromHeaders(await headers());
  } catch {
    return { address: "unknown", userAgent: null };
  }
}
