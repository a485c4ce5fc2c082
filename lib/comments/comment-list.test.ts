import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { CommentList, type CommentItem } from "@/components/comments/comment-list";

const at = new Date("2026-11-24T08:30:00.000Z");
const comment = (body: string, authorName: string | null = "Pat Lee"): CommentItem => ({
  id: "0195d7f0-0000-7000-8000-000000000001",
  body,
  createdAt: at,
  authorName,
});

const render = (props: Parameters<typeof CommentList>[0]) => renderToStaticMarkup(createElement(CommentList, props));

describe("CommentList", () => {
  it("says so when there are no comments", () => {
    expect(render({ comments: [] })).toContain("No comments yet.");
  });

  it("shows the author, the time and the body as Markdown", () => {
    const html = render({ comments: [comment("Looks **good**."), { ...comment("x", null), id: "other" }] });
    expect(html).toContain("Pat Lee");
    expect(html).toContain('<time dateTime="2026-11-24T08:30:00.000Z"');
    expect(html).toContain("2026-11-24 08:30 UTC");
    expect(html).toContain("<strong>good</strong>");
    expect(html).toContain("A former user");
  });

  it("highlights mentions of members only", () => {
    const html = render({
      comments: [comment("@Pat@acme.com and @sam@other.com, cf. x@pat@acme.com and `@pat@acme.com`")],
      members: [{ email: "pat@acme.com" }],
    });
    expect(html).toContain('<span class="rounded bg-indigo-50 px-1 font-medium text-indigo-800">@Pat@acme.com</span>');
    expect(html.match(/bg-indigo-50/g)).toHaveLength(1);
    // A non-member's mention stays a plain autolinked email.
    expect(html).toContain('@<a href="mailto:sam@other.com"');
    expect(html).toContain("<code>@pat@acme.com</code>");
  });

  it("offers earlier comments when there are some", () => {
    expect(render({ comments: [comment("hi")], earlierHref: "/teams/t/features/f?before=x" })).toContain(
      "Show earlier comments",
    );
  });
});
