import type { ComponentProps, ReactElement } from "react";
import ReactMarkdown, { type Components, type ExtraProps, type Options } from "react-markdown";
import rehypeSanitize from "rehype-sanitize";
import remarkGfm from "remark-gfm";

// Renders user-written Markdown (comments, specs, briefs) as HTML that cannot
// run script. Three layers, each enough on its own for what it covers:
// 1. HTML typed into the Markdown is never parsed as HTML: it shows as text.
// 2. rehype-sanitize (GitHub's schema) drops every element, attribute and URL
//    protocol it does not know to be safe.
// 3. Link and image URLs must be http(s) or mailto (or an in-page #anchor,
//    which footnotes use); anything else loses its URL.
// 4. Images load from this site only (a path such as /logo.png): any other
//    image shows as a link to it, so reading a comment never makes the
//    browser fetch a URL its author chose (a tracking pixel, a request to an
//    internal address). The CSP's img-src says the same.
// No hook or browser API is used, so this renders in server components.

const SAFE_PROTOCOL = /^(?:https?|mailto)$/i;

// The sanitizer prefixes every id with this (as GitHub does), so an element
// written by a user can never shadow one of the app's ids or globals.
const ID_PREFIX = "user-content-";

/**
 * A path on this site ("/a/b.png"): not "//host" or "/\host", which browsers
 * read as another host, and no whitespace or control character, which
 * browsers drop from URLs ("/\t/host" is "//host").
 */
export function isSameOriginPath(url: string): boolean {
  return /^\/(?![/\\])[^\s\\\u0000-\u001f\u007f]*$/.test(url);
}

/**
 * Keeps http(s)/mailto URLs and #anchors, and for an image's `src` a path on
 * this site; every other URL is removed.
 */
export function safeUrl(url: string, key?: string): string | null {
  const value = url.trim();
  if (key === "src" && isSameOriginPath(value)) return value;
  // In-page links (footnotes) point at the prefixed ids the sanitizer writes.
  if (value.startsWith("#")) return value.startsWith(`#${ID_PREFIX}`) ? value : `#${ID_PREFIX}${value.slice(1)}`;
  const colon = value.indexOf(":");
  if (colon <= 0) return null;
  return SAFE_PROTOCOL.test(value.slice(0, colon)) ? value : null;
}

type TreeNode = { type: string; children?: TreeNode[] };

// react-markdown turns HTML found in Markdown into text only after all
// plugins ran, and the sanitizer would delete it before then. Doing it first
// keeps what the author typed ("use a <select> here") readable, and escaped.
function rawHtmlAsText() {
  const walk = (node: TreeNode) => {
    for (const child of node.children ?? []) {
      if (child.type === "raw") child.type = "text";
      else walk(child);
    }
  };
  return walk;
}

type HastNode = {
  type: string;
  tagName?: string;
  value?: string;
  properties?: Record<string, unknown>;
  children?: HastNode[];
};

// Runs last, after the sanitizer and any trusted plugin: an image from
// anywhere but this site becomes a link to it (its alt text, or its URL,
// as the words), or just those words inside a link, where a link cannot go.
function imagesAsLinks() {
  const walk = (node: HastNode, inLink: boolean) => {
    const children = node.children ?? [];
    children.forEach((child, index) => {
      if (child.type !== "element") return;
      if (child.tagName === "img") {
        const src = typeof child.properties?.src === "string" ? child.properties.src.trim() : "";
        if (isSameOriginPath(src)) return;
        const alt = typeof child.properties?.alt === "string" ? child.properties.alt : "";
        const text: HastNode[] = alt || src ? [{ type: "text", value: alt || src }] : [];
        children[index] =
          src && !inLink
            ? { type: "element", tagName: "a", properties: { href: src }, children: text }
            : { type: "element", tagName: "span", properties: {}, children: text };
        return;
      }
      walk(child, inLink || child.tagName === "a");
    });
  };
  return (tree: HastNode) => walk(tree, false);
}

function Link({ node, href, children, ...props }: ComponentProps<"a"> & ExtraProps) {
  void node;
  // A link whose URL was removed reads as plain text rather than a dead link.
  if (!href) return <span>{children}</span>;
  return (
    <a {...props} href={href} rel="noopener noreferrer nofollow">
      {children}
    </a>
  );
}

const components: Components = { a: Link };


/**
 * User-written Markdown (GitHub flavoured: tables, task lists, strikethrough,
 * autolinks, footnotes), sanitized. `rehypePlugins` run after sanitizing, so
 * they must add only markup the app itself trusts (e.g. highlighting); URLs
 * are still checked after them, and images still turned into links.
 */
export function Markdown({
  source,
  rehypePlugins = [],
  pluginsKey,
  className = "",
}: {
  source: string;
  rehypePlugins?: NonNullable<Options["rehypePlugins"]>;
  /**
   * What the plugins depend on, when they are pure functions of it: the
   * output is then kept like the plain pipeline's. Without it, texts
   * rendered with plugins are parsed every time.
   */
  pluginsKey?: string;
  className?: string;
}) {
  const options: Options = {
    remarkPlugins: [remarkGfm],
    // Ids get their prefix once, from the sanitizer; see safeUrl.
    remarkRehypeOptions: { clobberPrefix: "" },
    rehypePlugins: [rawHtmlAsText, rehypeSanitize, ...rehypePlugins, imagesAsLinks],
    urlTransform: safeUrl,
    components,
    children: source,
  };
  // The prose styles are the `markdown` class in app/globals.css.
  return (
    <div className={`markdown ${className}`}>
      {rehypePlugins.length && pluginsKey === undefined ? (
        <ReactMarkdown {...options} />
      ) : (
        rendered(rehypePlugins.length ? `${pluginsKey}\u0000${source}` : source, options)
      )}
    </div>
  );
}

// Parsing Markdown is the costly part of a page of comments, and the same
// texts are shown again and again: the output for the plain pipeline is kept
// for the most recent texts (an element tree is immutable, so it can be
// reused by any request).
const RENDERED_MAX = 500;
const renderedCache = new Map<string, ReactElement>();

function rendered(key: string, options: Options): ReactElement {
  const hit = renderedCache.get(key);
  if (hit) {
    // Most recently used last, so the oldest is dropped first.
    renderedCache.delete(key);
    renderedCache.set(key, hit);
    return hit;
  }
  const element = ReactMarkdown(options);
  renderedCache.set(key, element);
  if (renderedCache.size > RENDERED_MAX) renderedCache.delete(renderedCache.keys().next().value!);
  return element;
}
