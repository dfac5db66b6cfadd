// The small Markdown the chat replies use, drawn as DOM nodes: headings, lists, quotes, rules,
// paragraphs, **bold**, `code` and [S1] citations; a run of source lines (``S1. ...``) folds
// into a collapsed block. Text is only ever inserted as text.

import { el } from "./dom.js";

const SOURCE_LINE = /^S\d+\.\s/;
// The chat's state marker (assistant/chat/state.py MARKER_LINE): a CommonMark link reference
// definition that carries the outline for the next turn; kept in the message, never drawn.
const STATE_MARKER = /^\[\/\/\]: # \(ws-state:[A-Za-z0-9_-]+\)\s*$/;
const INLINE = /\*\*([^*]+)\*\*|`([^`]+)`|\[(S\d+)\]/g;

/** Inline nodes of one line. */
export function inline(text) {
  const nodes = [];
  let position = 0;
  for (const match of text.matchAll(INLINE)) {
    if (match.index > position) nodes.push(text.slice(position, match.index));
    if (match[1] !== undefined) nodes.push(el("strong", {}, match[1]));
    else if (match[2] !== undefined) nodes.push(el("code", {}, match[2]));
    else nodes.push(el("span", { className: "cite" }, match[3]));
    position = match.index + match[0].length;
  }
  if (position < text.length) nodes.push(text.slice(position));
  return nodes;
}

/** A document fragment for Markdown text. */
export function renderMarkdown(text) {
  const fragment = document.createDocumentFragment();
  let list = null;
  let paragraph = null;
  let sources = null;
  const close = () => {
    list = null;
    paragraph = null;
    sources = null;
  };
  for (const line of text.split("\n")) {
    if (STATE_MARKER.test(line)) continue;
    if (SOURCE_LINE.test(line)) {
      if (!sources) {
        close();
        sources = fragment.appendChild(el("details", { className: "source-lines" }, el("summary")));
      }
      sources.append(el("p", {}, inline(line)));
      sources.firstChild.textContent = `来源（${sources.childElementCount - 1} 条，点击展开）`;
      continue;
    }
    sources = null;
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    const item = /^\s*[-*]\s+(.*)$/.exec(line);
    const numbered = /^\s*\d+[.)]\s+(.*)$/.exec(line);
    if (!line.trim()) {
      close();
    } else if (heading) {
      close();
      const level = Math.min(heading[1].length + 2, 6);
      fragment.append(el(`h${level}`, { className: "md-heading" }, inline(heading[2])));
    } else if (/^\s*(-{3,}|\*{3,})\s*$/.test(line)) {
      close();
      fragment.append(el("hr"));
    } else if (item || numbered) {
      const tag = item ? "ul" : "ol";
      if (!list || list.tagName.toLowerCase() !== tag) {
        paragraph = null;
        list = fragment.appendChild(el(tag));
      }
      list.append(el("li", {}, inline((item || numbered)[1])));
    } else if (line.startsWith(">")) {
      close();
      fragment.append(el("blockquote", {}, inline(line.replace(/^>\s?/, ""))));
    } else if (paragraph) {
      paragraph.append(el("br"), ...inline(line));
    } else {
      list = null;
      paragraph = fragment.appendChild(el("p", {}, inline(line)));
    }
  }
  return fragment;
}

/** The outline in a Markdown reply: its title and numbered headings (before the sources). */
export function outlineOfMarkdown(text) {
  const lines = text.split("\n");
  const start = lines.findIndex((line) => /^#\s+\S/.test(line));
  if (start < 0) return null;
  const title = stripCites(lines[start].replace(/^#\s+/, ""));
  const headings = [];
  for (const line of lines.slice(start + 1)) {
    if (/^\s*-{3,}\s*$/.test(line)) break;
    const heading = /^#{2,6}\s+(.*)$/.exec(line);
    if (heading) headings.push(stripCites(heading[1]));
  }
  return { title, headings };
}

function stripCites(text) {
  return text.replace(/(\s*\[[^\]]*\])+\s*$/, "").trim();
}
