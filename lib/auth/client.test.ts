import { describe, expect, it } from "vitest";
import { clientFromHeaders } from "@/lib/auth/client";

const h = (forwardedFor?: string) => new Headers(forwardedFor ? { "x-forwarded-for": forwardedFor, "user-agent": "UA" } : {});

describe("clientFromHeaders", () => {
  it("takes the address the nearest trusted hop saw, not what the client claims", () => {
    expect(clientFromHeaders(h("127.0.0.1"), 0).address).toBe("127.0.0.1");
    // Behind one proxy that appends: the client's own claim is left of it.
    expect(clientFromHeaders(h("6.6.6.6, 203.0.113.9, 10.0.0.2"), 1).address).toBe("203.0.113.9");
    expect(clientFromHeaders(h("::ffff:192.0.2.4"), 0).address).toBe("192.0.2.4");
    expect(clientFromHeaders(h(), 0)).toEqual({ address: "unknown", userAgent: null });
    expect(clientFromHeaders(h("1.1.1.1"), 5).address).toBe("1.1.1.1");
  });
});
