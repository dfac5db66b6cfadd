// The list beside a draft: counts of errors and warnings, every diagnostic (go to it, fix it),
// and "fix all". Also draws diagnostics of a Word file, which has no text in the page.

import { SEVERITY_NAMES, disjoint, fixLabel } from "./editor.js";
import { el, replaceChildren } from "./dom.js";

/** "错误 2 · 警告 1 · 提示 0" into `node`, with the numbers as data attributes for scripts. */
export function renderCounts(node, counts) {
  node.dataset.errors = String(counts.error || 0);
  node.dataset.warnings = String(counts.warning || 0);
  replaceChildren(
    node,
    ["error", "warning", "info"].map((severity, i) => [
      i ? " · " : "",
      el("span", { className: `count ${severity}` }, `${SEVERITY_NAMES[severity]} ${counts[severity] || 0}`),
    ]),
  );
}

/** One list entry; `where` says where it is, handlers make it clickable and fixable. */
export function diagnosticItem(diagnostic, where, { onGoto, onFix } = {}) {
  const label = [
    el("span", { className: `badge ${diagnostic.severity}` }, SEVERITY_NAMES[diagnostic.severity]),
    el("span", { className: "where" }, where),
    el("span", { className: "message" }, diagnostic.message),
    diagnostic.excerpt ? el("q", { className: "excerpt" }, diagnostic.excerpt) : null,
  ];
  const main = onGoto
    ? el("button", { type: "button", className: "diag-goto", onclick: onGoto }, label)
    : el("div", { className: "diag-goto" }, label);
  const fix =
    diagnostic.fix && onFix
      ? el(
          "button",
          { type: "button", className: "diag-fix", onclick: onFix, title: `${where}：${fixLabel(diagnostic.fix.replacement)}` },
          `修复：${fixLabel(diagnostic.fix.replacement)}`,
        )
      : null;
  return el("li", { className: `diag-item ${diagnostic.severity}` }, main, fix);
}

/** Keep a panel in step with an editor's diagnostics. */
export function attachPanel(editor, { counts, list, fixAll, empty }) {
  let frame = 0;
  let settle = 0;
  let focusAfter = -1;
  const draw = () => {
    frame = 0;
    clearTimeout(settle);
    // Redrawing replaces the buttons: keep keyboard focus on the same entry.
    let keep = null;
    const active = document.activeElement;
    if (focusAfter >= 0) keep = [focusAfter, ".diag-fix"];
    else if (active && list.contains(active)) {
      const position = [...list.children].indexOf(active.closest("li"));
      keep = [position, active.classList.contains("diag-fix") ? ".diag-fix" : ".diag-goto"];
    }
    focusAfter = -1;
    renderCounts(counts, editor.counts());
    // Entries act on the diagnostic as it is when clicked: edits may have moved it since.
    const items = editor.diagnostics.map((d, index) =>
      diagnosticItem(d, `第 ${editor.lineOf(d)} 行`, {
        onGoto: () => {
          const now = editor.current(d.id);
          if (now) editor.reveal(now);
        },
        onFix: () => {
          const now = editor.current(d.id);
          if (!now) return;
          focusAfter = index;
          editor.applyFix(now);
        },
      }),
    );
    replaceChildren(list, items);
    empty.hidden = items.length > 0 || !editor.text.trim();
    fixAll.disabled = !disjoint(editor.diagnostics.filter((d) => d.fix)).length;
    if (keep) {
      const item = list.children[Math.min(keep[0], list.children.length - 1)];
      const target = item ? item.querySelector(keep[1]) || item.querySelector(".diag-goto") : null;
      (target || (fixAll.disabled ? editor.textarea : fixAll)).focus();
    }
  };
  // A check's result is shown at once; while the writer types, the counts follow every
  // keystroke and the list is redrawn once typing pauses.
  editor.addEventListener("diagnostics", (event) => {
    if (event.detail.fresh || focusAfter >= 0) {
      if (!frame) frame = requestAnimationFrame(draw);
      return;
    }
    renderCounts(counts, editor.counts());
    clearTimeout(settle);
    settle = setTimeout(() => {
      if (!frame) frame = requestAnimationFrame(draw);
    }, 250);
  });
  fixAll.addEventListener("click", () => editor.fixAll());
  draw();
}
