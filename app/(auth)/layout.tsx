import { ThemeSwitch } from "@/components/ui/theme-switch";

export default function AuthLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="flex min-h-screen flex-col">
      <header className="flex justify-end px-4 pt-4">
        <ThemeSwitch />
      </header>
      <main className="flex flex-1 items-center justify-center px-4 py-12">
        <div className="w-full max-w-sm rounded-lg border border-slate-200 bg-white p-6 shadow-sm sm:p-8">
          <p className="mb-6 text-sm font-semibold tracking-wide text-indigo-700">Liftoff</p>
          {children}
        </div>
      </main>
    </div>
  );
}
