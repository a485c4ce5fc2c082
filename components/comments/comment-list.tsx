import Link from "next/link";
import type { ExtraProps } from "react-markdown";
import { Markdown } from "@/components/ui/markdown";

export type CommentItem = {
  id: string;
  body: string;
  createdAt: Date;
  authorName: string | null;
};

type HastElement = NonNullable<ExtraProps["node"]>;
type HastChild = HastElement["children"][number];
type HastParent = { children: HastChild[] };

// Same rule as extractMentionEmails: the "@" must not follow a character
// that could be part of an email.
const EMAIL_CHAR = /[\w.%+@-]/;

function textOf(node: HastChild): string {
  if (node.type === "text") return node.value;
  if (node.type === "element") return node.children.map(textOf).join("");
  return "";
}

/**
 * Highlights "@email" of team members. Markdown autolinks the email, so the
 * mention arrives as text ending in "@" followed by a mailto link whose text
 * is the email; both are replaced by one highlighted span. Runs after
 * sanitizing and adds only a fixed element and class, with the text escaped.
 */
function highlightMentions(emails: ReadonlySet<string>) {
  const visit = (parent: HastParent) => {
    const out: HastChild[] = [];
    for (const child of parent.children) {
      const previous = out.at(-1);
      if (
        child.type === "element" &&
        child.tagName === "a" &&
        previous?.type === "text" &&
        previous.value.endsWith("@") &&
        !EMAIL_CHAR.test(previous.value.at(-2) ?? "")
      ) {
        const email = textOf(child);
        if (child.properties.href === `mailto:${email}` && emails.has(email.toLowerCase())) {
          previous.value = previous.value.slice(0, -1);
          out.push({
            type: "element",
            tagName: "span",
            properties: { className: ["rounded", "bg-indigo-50", "px-1", "font-medium", "text-indigo-800"] },
            children: [{ type: "text", value: `@${email}` }],
          });
          continue;
        }
      }
      if (child.type === "element") visit(child);
      out.push(child);
    }
    parent.children = out;
  };
  return () => visit;
}

function formatTime(date: Date) {
  return `${date.toISOString().replace("T", " ").slice(0, 16)} UTC`;
}

/** A feature's comments, oldest first, each rendered from sanitized Markdown. */
export function CommentList({
  comments,
  members = [],
  earlierHref,
}: {
  comments: CommentItem[];
  /** Mentions of these people are highlighted. */
  members?: { email: string }[];
  /** Where the page of earlier comments is, when there are some. */
  earlierHref?: string;
}) {
  if (comments.length === 0) return <p className="text-sm text-slate-600">No comments yet.</p>;
  const emails = [...new Set(members.map((member) => member.email.toLowerCase()))].sort();
  const plugins = [highlightMentions(new Set(emails))];
  // The highlighting depends only on who can be mentioned.
  const pluginsKey = `mentions:${emails.join(",")}`;
  return (
    <div className="flex flex-col gap-3">
      {earlierHref ? (
        <Link href={earlierHref} className="self-start text-sm text-indigo-700 underline hover:text-indigo-900">
          Show earlier comments
        </Link>
      ) : null}
      <ol className="flex flex-col gap-3" aria-label="Comments">
        {comments.map((comment) => (
          <li key={comment.id} id={`comment-${comment.id}`} className="scroll-mt-20">
            <article className="rounded-lg border border-slate-200 bg-white p-4">
              <header className="mb-2 flex flex-wrap items-baseline gap-x-2 text-sm">
                <span className="font-medium text-slate-900">{comment.authorName ?? "A former user"}</span>
                <time dateTime={comment.createdAt.toISOString()} className="text-xs text-slate-600">
                  {formatTime(comment.createdAt)}
                </time>
              </header>
              <Markdown source={comment.body} rehypePlugins={plugins} pluginsKey={pluginsKey} />
            </article>
          </li>
        ))}
      </ol>
    </div>
  );
}
