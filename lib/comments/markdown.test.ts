import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Markdown, safeUrl } from "@/components/ui/markdown";

// Comments, specs and briefs are written by one member and read by all: the
// rendered HTML must never run script, whatever the Markdown says.

const render = (source: string) => renderToStaticMarkup(createElement(Markdown, { source }));

const XSS_PAYLOADS = [
  "<script>alert(1)</script>",
  "Inline <script>alert(1)</script> in a paragraph",
  "<SCRIPT SRC=https://evil.example/x.js></SCRIPT>",
  "<img src=x onerror=alert(1)>",
  '<img src="x" onerror="alert(1)"/> after text',
  "<svg onload=alert(1)>",
  "<svg><script>alert(1)</script></svg>",
  "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
  "[click](javascript:alert(1))",
  "[click](JaVaScRiPt:alert(1))",
  "[click]( javascript:alert(1) )",
  "[click](java\tscript:alert(1))",
  "[click](&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1))",
  "[click](&#x6A;avascript&colon;alert(1))",
  "[click](vbscript:msgbox(1))",
  "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
  "[click](data:text/html,<script>alert(1)</script>)",
  "<javascript:alert(1)>",
  "<vbscript:msgbox(1)>",
  "<data:text/html,<script>alert(1)</script>>",
  "[ref][x]\n\n[x]: javascript:alert(1)",
  '[ref][y]\n\n[y]: javascript:alert(1) "title"',
  "![img](javascript:alert(1))",
  "![img](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
  '![img](https://example.com/x.png"onerror="alert(1))',
  '<a href="javascript:alert(1)">html link</a>',
  "<iframe src=https://evil.example></iframe>",
  '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  "<object data=javascript:alert(1)></object>",
  "<embed src=javascript:alert(1)>",
  "<style>body{background:url(javascript:alert(1))}</style>",
  '<div style="background:url(javascript:alert(1))">styled</div>',
  '<form action="javascript:alert(1)"><button>go</button></form>',
  '<button formaction="javascript:alert(1)">go</button>',
  '<p onclick="alert(1)" onmouseover=alert(1)>hover</p>',
  '<details open ontoggle="alert(1)"><summary>x</summary></details>',
  "<!-- <script>alert(1)</script> -->",
  '<!--><img src=x onerror=alert(1)>-->',
  "<scr<script>ipt>alert(1)</scr</script>ipt>",
  '<a href="jav&#x09;ascript:alert(1)">tab</a>',
  "[a](<javascript:alert(1)>)",
  "**[bold link](javascript:alert(1))** and _[em](vbscript:x)_",
  "> quote [q](javascript:alert(1))\n> <img src=x onerror=alert(1)>",
  "| a | b |\n|---|---|\n| [x](javascript:alert(1)) | <img src=x onerror=alert(1)> |",
  "- [ ] <svg onload=alert(1)>\n- [x] [y](javascript:alert(1))",
  "Footnote[^1]\n\n[^1]: [x](javascript:alert(1)) <script>alert(1)</script>",
  "<base href=javascript:alert(1)//>",
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<link rel=stylesheet href="javascript:alert(1)">',
  '<input autofocus onfocus="alert(1)">',
  '<video><source onerror="alert(1)"></video>',
];

const URL_ATTRIBUTE = /\s(?:href|src|srcset|action|formaction|data|poster|background|cite|longdesc|xlink:href)\s*=\s*"([^"]*)"/gi;

function decodeEntities(value: string) {
  return value
    .replace(/&#x([0-9a-f]+);?/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);?/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&colon;/gi, ":")
    .replace(/&amp;/g, "&");
}

function expectHarmless(html: string) {
  expect(html).not.toMatch(/<script/i);
  // Event handler attributes, inside a tag (escaped text may mention them).
  expect(html).not.toMatch(/<[^>]*\son[a-z]+\s*=/i);
  // React itself adds <link rel="preload" as="image"> for each image; its URL is checked below.
  const tags = html.replace(/<link rel="preload" as="image" href="[^"]*"\/>/g, "");
  expect(tags).not.toMatch(/<(?:iframe|object|embed|style|form|svg|math|base|meta|link|input(?![^>]*type="checkbox")|button|video|source)\b/i);
  expect(html).not.toMatch(/<[^>]*\sstyle\s*=/i);
  for (const [, raw] of html.matchAll(URL_ATTRIBUTE)) {
    // Browsers ignore tabs and newlines inside a URL scheme.
    const url = decodeEntities(raw ?? "").replace(/[\s\u0000-\u001f]/g, "");
    expect(url).not.toMatch(/^(?:javascript|vbscript|data):/i);
    expect(url).toMatch(/^(?:https?:|mailto:|#)/i);
  }
}

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
