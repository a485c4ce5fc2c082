import "server-only";
import * as Plot from "@observablehq/plot";
import { parseHTML } from "linkedom";

// Observable Plot draws into a server-side DOM (linkedom) and the page gets
// the SVG as markup: no chart script reaches the browser. Text (axis labels,
// reasons typed by people) goes in as DOM text and comes out escaped.
//
// Plot puts a <style> element in each chart; under the app's CSP (styles by
// nonce only) the browser would refuse it, so it is dropped and its few
// rules live on the wrapper (chartFrameClass). Colours are CSS variables and
// text is currentColor, so a theme can restyle every chart.

const { document } = parseHTML("<!doctype html><html><body></body></html>");

export const FONT_SIZE = 13;

export type PlotSpec = Plot.PlotOptions & { ariaLabel: string; ariaDescription?: string };

/** The chart as SVG markup, ready for dangerouslySetInnerHTML. */
export function renderPlot(spec: PlotSpec): string {
  const svg = Plot.plot({ ...spec, document: document as unknown as Document }) as unknown as SVGSVGElement;
  for (const style of Array.from(svg.querySelectorAll("style"))) style.remove();
  // Plot names each mark's group ("bar", "rule"); inside role="img" nobody
  // hears them, and aria-label on a plain <g> is invalid ARIA (axe: serious).
  for (const group of Array.from(svg.querySelectorAll("[aria-label]"))) group.removeAttribute("aria-label");
  svg.setAttribute("role", "img");
  svg.setAttribute("font-size", String(FONT_SIZE));
  svg.removeAttribute("class");
  return svg.outerHTML;
}

// Drawing is the page's main cost (a few milliseconds a chart), and a chart
// is a pure function of its figures: the SVG of figures seen recently is
// kept, keyed by the chart and its input. Nothing here needs to agree
// across app processes; each keeps its own small cache.
const CACHE_SIZE = 300;
const cache = new Map<string, string | null>();

/** `render()`'s SVG for this chart and input, drawn once while it stays among the recent ones. */
export function memoChart(chart: string, input: unknown, render: () => string | null): string | null {
  const key = `${chart}\u0000${JSON.stringify(input)}`;
  if (cache.has(key)) {
    const svg = cache.get(key)!;
    cache.delete(key); // most recently used last
    cache.set(key, svg);
    return svg;
  }
  const svg = render();
  cache.set(key, svg);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return svg;
}

export { Plot };
