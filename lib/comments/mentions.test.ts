import { describe, expect, it } from "vitest";
import { commentExcerpt, extractMentionEmails } from "@/lib/comments/mentions";

describe("extractMentionEmails", () => {
  it("finds @ followed by a whole email, lower-cased, each once, in order", () => {
    expect(extractMentionEmails("@Pat@Acme.com can you check? cc @sam.lee+ml@data.acme.co.uk, and @pat@acme.com again")).toEqual([
      "pat@acme.com",
      "sam.lee+ml@data.acme.co.uk",
    ]);
  });

  it("accepts a mention at the start, after punctuation, brackets and line breaks", () => {
    expect(extractMentionEmails("@a@x.io\n(@b@x.io) *@c@x.io* > @d@x.io:")).toEqual(["a@x.io", "b@x.io", "c@x.io", "d@x.io"]);
  });

  it("leaves trailing punctuation out of the address", () => {
    expect(extractMentionEmails("Thanks @pat@acme.com. And @sam@acme.com-")).toEqual(["pat@acme.com", "sam@acme.com"]);
  });

  it("does not read a plain email, or one glued to a word, as a mention", () => {
    expect(extractMentionEmails("write to pat@acme.com")).toEqual([]);
    expect(extractMentionEmails("x@pat@acme.com and bob.@pat@acme.com and a-@pat@acme.com")).toEqual([]);
  });

  it("needs a full email with a dotted domain", () => {
    expect(extractMentionEmails("@pat alone, @pat@localhost, @ nobody, @@pat@acme.com")).toEqual([]);
  });

  it("returns nothing for an empty body", () => {
    expect(extractMentionEmails("")).toEqual([]);
  });
});

describe("commentExcerpt", () => {
  it("puts the body on one line and cuts it at 140 characters", () => {
    expect(commentExcerpt("  Line one\n\n  line two  ")).toBe("Line one line two");
    const long = commentExcerpt("a".repeat(300));
    expect(long).toHaveLength(140);
    expect(long.endsWith("…")).toBe(true);
    expect(commentExcerpt("b".repeat(140))).toBe("b".repeat(140));
  });
});
