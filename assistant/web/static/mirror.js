// The mirror under the textarea: the draft's lines as blocks, with marks for diagnostics and
// the ghost suggestion. Redrawn line by line: only lines whose text, marks or ghost changed are
// rebuilt, so a keystroke in a long draft touches one line, not thousands of nodes.

import { el } from "./dom.js";

export class Mirror {
  constructor(node) {
    this.node = node;
    this.keys = [];
    this.starts = [0];
  }

  /** Draw `text` with disjoint, sorted diagnostics ({start, end, severity}) and the ghost. */
  draw(text, diagnostics, ghost) {
    const lines = text.split("\n");
    const starts = new Array(lines.length);
    let position = 0;
    for (let i = 0; i < lines.length; i++) {
      starts[i] = position;
      position += lines[i].length + 1;
    }
    this.starts = starts;
    const pieces = lines.map(() => []);
    let first = 0;
    for (const d of diagnostics) {
      while (first + 1 < lines.length && starts[first + 1] <= d.start) first++;
      let drawn = false;
      for (let l = first; l < lines.length && (l === first || starts[l] < d.end); l++) {
        const from = Math.max(d.start, starts[l]) - starts[l];
        const to = Math.min(d.end, starts[l] + lines[l].length) - starts[l];
        if (to > from) {
          pieces[l].push({ from, to, severity: d.severity, rel: d.start - starts[l] });
          drawn = true;
        }
      }
      if (!drawn) {
        const at = Math.min(d.start - starts[first], lines[first].length);
        pieces[first].push({ from: at, to: at, severity: d.severity, rel: d.start - starts[first] });
      }
    }
    const ghostLine = ghost ? this.lineIndex(ghost.at) : -1;
    const keys = lines.map((line, i) => {
      let key = `${line}\u0001${pieces[i].map((p) => `${p.from},${p.to},${p.severity},${p.rel}`).join(";")}`;
      if (i === ghostLine) key += `\u0001${ghost.at - starts[i]}\u0001${ghost.text}`;
      return key;
    });
    const build = (i) =>
      lineNode(lines[i], pieces[i], i === ghostLine ? ghost.at - starts[i] : -1, ghost ? ghost.text : "");
    this.update(keys, build);
  }

  /** Replace only the lines whose keys changed (a run in the middle, or line by line). */
  update(keys, build) {
    const old = this.keys;
    const children = this.node.children;
    let head = 0;
    while (head < old.length && head < keys.length && old[head] === keys[head]) head++;
    let tail = 0;
    while (
      tail < old.length - head &&
      tail < keys.length - head &&
      old[old.length - 1 - tail] === keys[keys.length - 1 - tail]
    ) {
      tail++;
    }
    const oldMiddle = old.length - head - tail;
    const newMiddle = keys.length - head - tail;
    if (oldMiddle === newMiddle) {
      for (let i = head; i < head + newMiddle; i++) {
        if (old[i] !== keys[i]) children[i].replaceWith(build(i));
      }
    } else {
      for (let i = 0; i < oldMiddle; i++) children[head].remove();
      const fresh = document.createDocumentFragment();
      for (let i = head; i < head + newMiddle; i++) fresh.append(build(i));
      this.node.insertBefore(fresh, children[head] || null);
    }
    this.keys = keys;
  }

  /** The line an offset falls in (the last line starting at or before it). */
  lineIndex(offset) {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.starts[middle] <= offset) low = middle;
      else high = middle - 1;
    }
    return low;
  }

  /** The start offset of the diagnostic a mark was drawn for. */
  startOf(mark) {
    const line = mark.closest(".line");
    const index = Array.prototype.indexOf.call(this.node.children, line);
    return this.starts[index] + Number(mark.dataset.rel);
  }

  /** The marks drawn for a diagnostic. */
  marksOf(diagnostic) {
    const marks = [];
    const first = this.lineIndex(diagnostic.start);
    for (let l = first; l < this.starts.length && (l === first || this.starts[l] < diagnostic.end); l++) {
      const line = this.node.children[l];
      if (line) marks.push(...line.querySelectorAll(`[data-rel="${diagnostic.start - this.starts[l]}"]`));
    }
    return marks;
  }

  /** Every mark, for hit-testing. */
  marks() {
    return this.node.querySelectorAll(".diag, .diag-point");
  }
}

/** One line: text, marks (with the diagnostic's start relative to the line) and the ghost. */
function lineNode(text, pieces, ghostAt, ghostText) {
  const out = [];
  let ghostPending = ghostAt >= 0;
  const emitGhost = () => {
    out.push(el("span", { className: "ghost" }, ghostText));
    ghostPending = false;
  };
  const part = (from, to, piece) => {
    if (to <= from) return;
    const slice = text.slice(from, to);
    out.push(piece ? el("mark", { className: `diag ${piece.severity}`, dataset: { rel: piece.rel } }, slice) : slice);
  };
  const segment = (from, to, piece) => {
    if (ghostPending && ghostAt >= from && ghostAt < to) {
      part(from, ghostAt, piece);
      emitGhost();
      part(ghostAt, to, piece);
    } else part(from, to, piece);
  };
  let position = 0;
  for (const piece of pieces) {
    segment(position, piece.from, null);
    if (piece.from === piece.to) {
      if (ghostPending && ghostAt <= piece.from) emitGhost();
      out.push(el("span", { className: `diag-point ${piece.severity}`, dataset: { rel: piece.rel } }));
    } else segment(piece.from, piece.to, piece);
    position = Math.max(position, piece.to);
  }
  segment(position, text.length, null);
  if (ghostPending) emitGhost();
  if (!out.length) out.push("\u200b"); // an empty line keeps its height
  return el("div", { className: "line" }, out);
}
