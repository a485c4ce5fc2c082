import type { Metadata } from "next";
import { GeistSans } from "geist/font/sans";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Liftoff", template: "%s · Liftoff" },
  description: "Take every ML feature from proof of concept to production.",
};

// Every page renders per request, the two with no data (forgot-password and
// the 404) included: Next.js puts the CSP nonce (proxy.ts) only on scripts it
// renders for a request, and a prerendered page's scripts would be blocked.
export const dynamic = "force-dynamic";

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en" className={`${GeistSans.variable} h-full antialiased`}>
      <body className="min-h-full bg-slate-50 font-sans text-slate-900">{children}</body>
    </html>
  );
}
