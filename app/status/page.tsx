import type { Metadata } from "next";
import { connection } from "next/server";

export const metadata: Metadata = { title: "Status" };

// A public page rendered on every request with no database work: the
// benchmark's baseline for what the server costs before any data access.
export default async function StatusPage() {
  await connection();
  return (
    <main className="mx-auto max-w-lg px-4 py-24 text-center">
      <h1 className="text-2xl font-semibold">Liftoff is running</h1>
      <p className="mt-2 text-slate-700">Rendered at {new Date().toISOString()}.</p>
    </main>
  );
}
