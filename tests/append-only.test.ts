import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// Stage history and the audit log are append-only: no code path may update
// or delete their rows (a team's deletion cascades, which is the only way out).

const root = path.resolve(__dirname, "..");
function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (name === "node_modules" || name === "generated") return [];
    if (statSync(full).isDirectory()) return walk(full);
    return /\.(ts|tsx)$/.test(name) && !/\.test\.ts$/.test(name) ? [full] : [];
  });
}

describe("append-only records", () => {
  const files = ["app", "lib", "components", "prisma", "scripts"].flatMap((d) => walk(path.join(root, d)));
  for (const model of ["stageTransition", "auditEvent"]) {
    it(`${model} rows are never updated or deleted`, () => {
      const pattern = new RegExp(`\\.${model}\\.(update|updateMany|upsert|delete|deleteMany)\\(`);
      const sqlPattern = new RegExp(`(UPDATE|DELETE FROM)\\s+"${model[0]!.toUpperCase()}${model.slice(1)}"`, "i");
      const offenders = files.filter((file) => {
        const source = readFileSync(file, "utf8");
        return pattern.test(source) || sqlPattern.test(source);
      });
      expect(offenders.map((f) => path.relative(root, f))).toEqual([]);
    });
  }
});
