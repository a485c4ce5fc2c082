import "server-only";
export { routeAccess } from "@/lib/authz/pages";

export const notFoundResponse = () => new Response("Not found", { status: 404 });

export function markdownResponse(body: string, filename: string) {
  return new Response(body, {
    headers: {
      "content-type": "text/markdown; charset=utf-8",
      "content-disposition": `attachment; filename="${filename.replace(/[^\w.-]+/g, "-")}"`,
      "cache-control": "private, no-store",
    },
  });
}
