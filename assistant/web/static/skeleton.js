// A draft to start writing from: the outline's title and headings, a blank line under each.

/** Draft text from a title and headings (each heading already carries its number). */
export function draftSkeleton(title, headings) {
  return [title, "", ...headings.flatMap((heading) => [heading, ""])].join("\n");
}
