import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { isSameOriginPath, Markdown, safeUrl } from "@/components/ui/markdown";
import { expectHarmless, XSS_PAYLOADS } from "@/tests/xss";

// Comments, specs and briefs are written by one member and read by all: the
// rendered HTML must never run script, whatever the Markdown says.

const render = (source: string) => renderToStaticMarkup(createElement(Markdown, { source }));

describe("Markdown sanitizing", () => {
  it("has a corpus of at least 25 attacks", () => {
    expect(XSS_PAYLOADS.length).toBeGreaterThanOrEqual(25);
  });

  for (const payload of XSS_PAYLOADS) {
    it(`renders ${JSON.stringify(payload)} harmless`, () => {
      expectHarmless(render(payload));
    });
  }

  it("renders all the attacks in one document harmless", () => {
    expectHarmless(render(XSS_PAYLOADS.join("\n\n")));
  });

  it("shows HTML typed in Markdown as text instead of dropping it", () => {
    const html = render("Use a <select> here, not <b>bold</b>.");
    expect(html).toContain("Use a &lt;select&gt; here, not &lt;b&gt;bold&lt;/b&gt;.");
    expect(html).not.toContain("<b>");
  });

  it("keeps the text of a link whose URL is refused", () => {
    expect(render("[click me](javascript:alert(1))")).toContain("<span>click me</span>");
  });
});

describe("Markdown images", () => {
  const IMG = /<img\b[^>]*>/g;

  it("shows an image from another site as a link to it, with its alt text", () => {
    const html = render("Before ![the chart](https://evil.example/pixel.png) after");
    expect(html).not.toMatch(IMG);
    expect(html).not.toContain('rel="preload"');
    expect(html).toContain('<a href="https://evil.example/pixel.png" rel="noopener noreferrer nofollow">the chart</a>');
  });

  it("uses the URL as the words when the image has no alt text", () => {
    expect(render("![](https://evil.example/a.png)")).toContain(
      '<a href="https://evil.example/a.png" rel="noopener noreferrer nofollow">https://evil.example/a.png</a>',
    );
  });

  it("keeps an image whose source is a path on this site", () => {
    const html = render("![logo](/brand/logo.png)");
    expect(html).toContain('<img src="/brand/logo.png" alt="logo"/>');
  });

  it("never loads an image from a URL another host could hide in", () => {
    // (Markdown itself percent-encodes a backslash: "/\\evil" becomes the path "/%5Cevil".)
    for (const src of ["//evil.example/x.png", "<//evil.example/x.png>", "http://127.0.0.1:5432/", "data:image/png;base64,AAAA", "javascript:alert(1)"]) {
      const html = render(`![x](${src})`);
      expect(html, src).not.toMatch(IMG);
      expect(html, src).not.toContain('rel="preload"');
    }
  });

  it("writes the words only, not a link inside a link, for a linked image", () => {
    const html = render("[![badge](https://evil.example/b.svg)](https://example.com/ci)");
    expect(html).not.toMatch(IMG);
    expect(html).toContain('<a href="https://example.com/ci" rel="noopener noreferrer nofollow"><span>badge</span></a>');
  });

  it("loads no image from the attack corpus", () => {
    for (const payload of XSS_PAYLOADS) {
      for (const [tag] of render(payload).matchAll(IMG)) {
        expect(tag, payload).toMatch(/ src="\/(?![/\\])/);
      }
    }
  });
});

describe("safeUrl", () => {
  it("keeps http(s), mailto and in-page anchors only", () => {
    expect(safeUrl("https://example.com/a?b=c#d")).toBe("https://example.com/a?b=c#d");
    expect(safeUrl("HTTP://example.com")).toBe("HTTP://example.com");
    expect(safeUrl("mailto:pat@acme.com")).toBe("mailto:pat@acme.com");
    expect(safeUrl("#user-content-fn-1")).toBe("#user-content-fn-1");
    expect(safeUrl("#section")).toBe("#user-content-section");
    for (const url of ["javascript:alert(1)", "vbscript:x", "data:text/html,x", "ftp://x", "/teams/1", "//evil.example", "x"]) {
      expect(safeUrl(url), url).toBeNull();
    }
  });

  it("keeps a path on this site for an image's source only", () => {
    expect(safeUrl("/brand/logo.png", "src")).toBe("/brand/logo.png");
    expect(safeUrl("/brand/logo.png", "href")).toBeNull();
    for (const url of ["//evil.example/x.png", "/\\evil.example", "/\t/evil.example", "/a b", "x.png"]) {
      expect(safeUrl(url, "src"), url).toBeNull();
      expect(isSameOriginPath(url), url).toBe(false);
    }
  });
});

describe("Markdown rendering", () => {
  it("renders headings, emphasis, lists, task lists, tables, code and links", () => {
    const html = render(
      [
        "# Rollout plan",
        "## Risks",
        "Some **bold**, _italic_ and ~~struck~~ text with `inline code`.",
        "- first\n- second\n  1. nested",
        "* [x] metrics agreed\n* [ ] shadow run",
        "| metric | target |\n| --- | ---: |\n| AUC | 0.82 |",
        "```python\nprint('hi')\n```",
        "> quoted",
        "See [the docs](https://example.com/docs), https://example.com/auto and <mailto:pat@acme.com>.",
        "---",
      ].join("\n\n"),
    );
    expect(html).toContain("<h1>Rollout plan</h1>");
    expect(html).toContain("<h2>Risks</h2>");
    expect(html).toContain("<strong>bold</strong>");
    expect(html).toContain("<em>italic</em>");
    expect(html).toContain("<del>struck</del>");
    expect(html).toContain("<code>inline code</code>");
    expect(html).toMatch(/<ul>\s*<li>first<\/li>\s*<li>second\s*<ol>\s*<li>nested<\/li>/);
    expect(html).toContain('<input type="checkbox" disabled="" checked=""/> metrics agreed');
    expect(html).toMatch(/<table>.*<th>metric<\/th>.*<td>AUC<\/td>/s);
    expect(html).toContain('<pre><code class="language-python">print(&#x27;hi&#x27;)');
    expect(html).toMatch(/<blockquote>\s*<p>quoted<\/p>/);
    expect(html).toContain('<a href="https://example.com/docs" rel="noopener noreferrer nofollow">the docs</a>');
    expect(html).toContain('<a href="https://example.com/auto" rel="noopener noreferrer nofollow">https://example.com/auto</a>');
    expect(html).toContain('<a href="mailto:pat@acme.com" rel="noopener noreferrer nofollow">');
    expect(html).toContain("<hr/>");
  });

  it("links footnotes to their notes", () => {
    const html = render("Claim[^1]\n\n[^1]: Source.");
    expect(html).toContain('href="#user-content-fn-1"');
    expect(html).toContain('id="user-content-fn-1"');
  });
});
