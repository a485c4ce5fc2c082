import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ACTION_ACCESS, ROUTE_ACCESS } from "@/lib/authz/access";
import { COMMAND_NAME } from "@/lib/actions/server-action";

// Finds every server action and route handler in the code, so an entry point
// without an entry in the access table (and so without its check) fails CI.

const root = path.resolve(__dirname, "..");
const SOURCE_DIRS = ["app", "lib", "components"];

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (name === "node_modules" || name === "generated") return [];
    if (statSync(full).isDirectory()) return walk(full);
    return /\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name) ? [full] : [];
  });
}

const files = SOURCE_DIRS.flatMap((dir) => walk(path.join(root, dir)));
const rel = (file: string) => path.relative(root, file);
const isUseServerFile = (source: string) => /^\s*(["'])use server\1;?/.test(source);

const serverActionFiles = files.filter((file) => isUseServerFile(readFileSync(file, "utf8")));

const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"];

function routeHandlers() {
  return files
    .filter((file) => /[/\\]route\.ts$/.test(file))
    .flatMap((file) => {
      const source = readFileSync(file, "utf8");
      const urlPath =
        "/" +
        path
          .relative(path.join(root, "app"), path.dirname(file))
          .split(path.sep)
          .filter((segment) => !/^\(.*\)$/.test(segment))
          .join("/");
      const methods = HTTP_METHODS.filter(
        (method) =>
          new RegExp(`export\\s+(async\\s+)?(function|const)\\s+${method}\\b`).test(source) ||
          new RegExp(`export\\s*\\{[^}]*\\bas\\s+${method}\\b`).test(source),
      );
      return methods.map((method) => `${method} ${urlPath}`);
    });
}

describe("server actions", () => {
  it("are found (the scan works)", () => {
    expect(serverActionFiles.map(rel)).toContain("lib/teams/actions.ts");
  });

  it("never use an inline 'use server' inside a function", () => {
    const inline = files.filter((file) => {
      const source = readFileSync(file, "utf8");
      const body = isUseServerFile(source) ? source.replace(/^\s*(["'])use server\1;?/, "") : source;
      // A directive is a statement on its own line; mentions in comments are fine.
      return /^\s*(["'])use server\1;?\s*$/m.test(body);
    });
    expect(inline.map(rel)).toEqual([]);
  });

  for (const file of serverActionFiles) {
    describe(rel(file), () => {
      const source = readFileSync(file, "utf8");
      const exportLines = source.split("\n").filter((line) => /^\s*export\b/.test(line));

      it("exports only actions made with serverAction()", () => {
        const bad = exportLines.filter((line) => !/^export const \w+ = serverAction\(/.test(line));
        expect(bad).toEqual([]);
      });

      it("has an access-table entry for every export, named after its command", async () => {
        const mod: Record<string, unknown> = await import(file);
        for (const [name, value] of Object.entries(mod)) {
          expect(Object.keys(ACTION_ACCESS), `${name} in ACTION_ACCESS`).toContain(name);
          expect(typeof value).toBe("function");
          expect((value as { [COMMAND_NAME]?: string })[COMMAND_NAME], `${name} wraps its own command`).toBe(name);
        }
      });
    });
  }

  it("has no access-table entry without an action in the code", async () => {
    const exported = new Set<string>();
    for (const file of serverActionFiles) {
      for (const name of Object.keys(await import(file))) exported.add(name);
    }
    expect(Object.keys(ACTION_ACCESS).filter((name) => !exported.has(name))).toEqual([]);
  });
});

describe("route handlers", () => {
  const found = routeHandlers();

  it("are found (the scan works)", () => {
    expect(found).toContain("GET /api/health");
  });

  it("each have an access-table entry, and the table has no stale entry", () => {
    expect(found.filter((key) => !(key in ROUTE_ACCESS))).toEqual([]);
    expect(Object.keys(ROUTE_ACCESS).filter((key) => !found.includes(key))).toEqual([]);
  });
});

describe("pages and handlers under /teams/[teamId]", () => {
  const teamDir = path.join(root, "app", "(app)", "teams", "[teamId]");
  const teamFiles = files.filter((file) => file.startsWith(teamDir + path.sep));
  const pages = teamFiles.filter((file) => /[/\\](page|layout)\.tsx$/.test(file));
  const handlers = teamFiles.filter((file) => /[/\\]route\.ts$/.test(file));

  it("are found (the scan works)", () => {
    expect(pages.length).toBeGreaterThanOrEqual(14);
    expect(handlers.length).toBeGreaterThanOrEqual(5);
  });

  // Params parsed and membership checked in one call, before anything else
  // reads them: a malformed id is "not found", an outsider learns nothing.
  it("reach their params only through the member-checked helpers", () => {
    const offenders = [...pages, ...handlers].filter((file) => {
      const source = readFileSync(file, "utf8");
      const checked = file.endsWith("route.ts")
        ? /await routeAccess\(params,/.test(source)
        : /await require(Team|Feature)Page\(params\)/.test(source);
      return !checked || /await params\b/.test(source) || /\bparams\.then\b/.test(source);
    });
    expect(offenders.map(rel)).toEqual([]);
  });
});
