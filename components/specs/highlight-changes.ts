import { MARK } from "@/lib/specs/diff";

type HastNode = {
  type: string;
  tagName?: string;
  value?: string;
  properties?: Record<string, unknown>;
  children?: HastNode[];
};

// Underlined or struck through, not only coloured; the hidden words say it to
// screen readers, which do not all announce <ins> and <del>.
export const INS_CLASS =
  "rounded-sm bg-emerald-100 px-0.5 text-emerald-950 underline decoration-emerald-700 decoration-2 underline-offset-2";
export const DEL_CLASS =
  "rounded-sm bg-red-100 px-0.5 text-red-950 line-through decoration-red-700 decoration-2";

const SPLIT = /([\uE000-\uE003])/;
const MARKS = /[\uE000-\uE003]/g;

function wrap(kind: "ins" | "del", value: string): HastNode {
  return {
    type: "element",
    tagName: kind,
    properties: { className: (kind === "ins" ? INS_CLASS : DEL_CLASS).split(" ") },
    children: [
      { type: "element", tagName: "span", properties: { className: ["sr-only"] }, children: [{ type: "text", value: kind === "ins" ? "[inserted: " : "[deleted: " }] },
      { type: "text", value },
      { type: "element", tagName: "span", properties: { className: ["sr-only"] }, children: [{ type: "text", value: "]" }] },
    ],
  };
}

/**
 * A rehype step (run after sanitizing, so it adds only the app's own markup)
 * that turns the marks of lib/specs/diff.ts markChanges into <ins> and <del>.
 * A change can span several elements (a new list item, a paragraph): the
 * open mark holds until its close mark, in document order.
 */
export function highlightChanges() {
  return (tree: HastNode) => {
    let mode: "ins" | "del" | null = null;
    const walk = (node: HastNode) => {
      for (const [key, value] of Object.entries(node.properties ?? {})) {
        if (typeof value === "string") node.properties![key] = value.replace(MARKS, "");
      }
      if (!node.children) return;
      const out: HastNode[] = [];
      for (const child of node.children) {
        if (child.type !== "text") {
          walk(child);
          out.push(child);
          continue;
        }
        for (const piece of (child.value ?? "").split(SPLIT)) {
          if (piece === MARK.insOpen) mode = "ins";
          else if (piece === MARK.delOpen) mode = "del";
          else if (piece === MARK.insClose || piece === MARK.delClose) mode = null;
          // Whitespace stays bare: it may sit where an element cannot (between table rows).
          else if (piece) out.push(mode && piece.trim() ? wrap(mode, piece) : { type: "text", value: piece });
        }
      }
      node.children = out;
    };
    walk(tree);
  };
}
