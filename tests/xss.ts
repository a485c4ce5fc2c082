import { expect } from "vitest";

// Attacks that user-written Markdown (comments, specs, briefs) must never turn
// into running script, and the check every rendering test applies to its HTML.

export const XSS_PAYLOADS = [
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

export function expectHarmless(html: string) {
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
