import type { Metadata, Viewport } from "next";
import { GeistSans } from "geist/font/sans";
import { headers } from "next/headers";
import { ThemeProvider } from "next-themes";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Liftoff", template: "%s · Liftoff" },
  description: "Take every ML feature from proof of concept to production.",
};

// The browser's own parts (scrollbars, form controls) and the phone's
// toolbar follow the theme too.
export const viewport: Viewport = {
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#f8fafc" },
    { media: "(prefers-color-scheme: dark)", color: "#0b1020" },
  ],
};

// Every page renders per request, the two with no data (forgot-password and
// the 404) included: Next.js puts the CSP nonce (proxy.ts) only on scripts it
// renders for a request, and a prerendered page's scripts would be blocked.
export const dynamic = "force-dynamic";

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // next-themes sets the theme class from an inline script before the first
  // paint (no flash of the wrong theme); under our CSP it needs the nonce.
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  return (
    // The script changes <html>'s class and style before React hydrates.
    <html lang="en" className={`${GeistSans.variable} h-full antialiased`} suppressHydrationWarning>
      <body className="min-h-full bg-slate-50 font-sans text-slate-900">
        <ThemeProvider attribute="class" defaultTheme="system" enableSystem nonce={nonce}>
          {children}
        </ThemeProvider>
      </body>
    </html>
  );
}
