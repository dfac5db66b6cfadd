// The draft editor: a textarea over a mirror (mirror.js) that draws the text, the ghost
// suggestion and the diagnostics' underlines. The textarea keeps editing, selection, undo and
// the caret; its own glyphs are transparent, so what the writer sees is the mirror, laid out in
// the same box. Diagnostics follow the text as it is edited until the next check replaces them.

import { callJson } from "./api.js";
import { el, replaceChildren } from "./dom.js";
import { Mirror } from "./mirror.js";
import { report } from "./notice.js";

const CHECK_DELAY_MS = 300;
const FIX_ALL_ROUNDS = 5;
let nextId = 1; // diagnostics keep their id while edits shift them
export const SEVERITY_NAMES = { error: "错误", warning: "警告", info: "提示" };

/** Map the server's character (code point) offsets to the textarea's UTF-16 indexes. */
function utf16Index(text) {
  if (!/[\uD800-\uDFFF]/.test(text)) return (offset) => offset;
  const units = [];
  let unit = 0;
  for (const char of text) {
    units.push(unit);
    unit += char.length;
  }
  units.push(unit);
  return (offset) => units[Math.min(offset, units.length - 1)];
}

/** The length of the common prefix and suffix of two strings (not overlapping). */
function commonEnds(before, after) {
  const limit = Math.min(before.length, after.length);
  let prefix = 0;
  while (prefix < limit && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (
    suffix < limit - prefix &&
    before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)
  ) {
    suffix++;
  }
  return [prefix, suffix];
}

/** Diagnostics whose spans do not overlap, in document order (what can be drawn or fixed at once). */
export function disjoint(diagnostics) {
  const kept = [];
  let end = -1;
  for (const diagnostic of diagnostics) {
    if (diagnostic.start < end) continue;
    kept.push(diagnostic);
    end = Math.max(end, diagnostic.end);
  }
  return kept;
}

export class DraftEditor extends EventTarget {
  /**
   * host: the element to build in; id: the textarea's id; storageKey: where the draft is kept
   * across reloads; autocomplete: ask /v1/complete for a ghost suggestion; officeType: () => the
   * office type for suggestions, or "".
   */
  constructor(host, { id, label, placeholder, storageKey, autocomplete = false, officeType }) {
    super();
    this.storageKey = storageKey;
    this.autocomplete = autocomplete;
    this.officeType = officeType || (() => "");
    this.diagnostics = [];
    this.ghost = null;
    this.composing = false;
    this.checkTimer = 0;
    this.hovered = null;
    this.textarea = el("textarea", {
      id,
      className: "editor-input",
      rows: 8,
      spellcheck: "false",
      autocomplete: "off",
      "aria-label": label,
      "aria-describedby": `${id}-hint`,
      placeholder,
    });
    this.mirror = el("div", { className: "editor-mirror", "aria-hidden": "true" });
    this.view = new Mirror(this.mirror);
    this.tip = el("div", { className: "editor-tip", role: "tooltip", hidden: true });
    this.hint = el("p", { className: "editor-hint", id: `${id}-hint`, "aria-live": "polite" });
    this.box = el("div", { className: "editor" }, this.mirror, this.textarea, this.tip);
    host.append(this.box, this.hint);
    this.textarea.value = this.load();
    this.lastText = this.textarea.value;
    this.listen();
    this.render();
    if (this.textarea.value.trim()) this.scheduleCheck(0);
  }

  get text() {
    return this.textarea.value;
  }

  listen() {
    const area = this.textarea;
    area.addEventListener("input", (event) => this.onInput(event));
    area.addEventListener("keydown", (event) => this.onKeyDown(event));
    area.addEventListener("compositionstart", () => {
      this.composing = true;
      this.setGhost(null);
    });
    area.addEventListener("compositionend", () => {
      this.composing = false;
      this.complete();
    });
    area.addEventListener("blur", () => {
      this.setGhost(null);
      this.hideTip();
    });
    area.addEventListener("scroll", () => (area.scrollTop = 0));
    area.addEventListener("mousemove", (event) => this.onPointer(event));
    area.addEventListener("mouseleave", () => this.hideTip());
    document.addEventListener("selectionchange", () => this.onSelection());
  }

  // --- storage ---------------------------------------------------------------------------------

  load() {
    try {
      return (this.storageKey && localStorage.getItem(this.storageKey)) || "";
    } catch {
      return "";
    }
  }

  save() {
    if (!this.storageKey) return;
    try {
      if (this.text) localStorage.setItem(this.storageKey, this.text);
      else localStorage.removeItem(this.storageKey);
    } catch {
      // Storage full or disabled: the draft still lives in the page.
    }
  }

  // --- editing ---------------------------------------------------------------------------------

  onInput(event) {
    const text = this.text;
    this.shiftDiagnostics(this.lastText, text);
    this.lastText = text;
    this.save();
    const kept = this.advanceGhost(event);
    if (!kept) {
      this.ghost = null;
      this.complete(); // sent before drawing: the round trip is the long part
    }
    this.render();
    this.emit("change");
    this.scheduleCheck();
  }

  /** Keep diagnostics outside the edited span in place (shifted); drop those it touched. */
  shiftDiagnostics(before, after) {
    if (!this.diagnostics.length) return;
    const [prefix, suffix] = commonEnds(before, after);
    const oldEnd = before.length - suffix;
    const delta = after.length - before.length;
    const kept = [];
    for (const d of this.diagnostics) {
      if (d.end <= prefix) kept.push(d);
      else if (d.start >= oldEnd) kept.push({ ...d, start: d.start + delta, end: d.end + delta });
    }
    this.setDiagnostics(kept, false);
  }

  /** Typing the ghost's next characters keeps the rest of it; true when it was kept. */
  advanceGhost(event) {
    const ghost = this.ghost;
    if (!ghost || this.composing || event.inputType !== "insertText" || !event.data) return false;
    const typed = event.data;
    const caret = this.textarea.selectionStart;
    if (caret !== ghost.at + typed.length || !ghost.text.startsWith(typed)) return false;
    if (this.text.slice(ghost.at, caret) !== typed) return false;
    const rest = ghost.text.slice(typed.length);
    if (!rest) return false;
    this.ghost = { ...ghost, text: rest, at: caret };
    return true;
  }

  onKeyDown(event) {
    const plain = !event.ctrlKey && !event.altKey && !event.metaKey;
    if (event.key === "Tab" && plain && !event.shiftKey && this.ghost) {
      event.preventDefault();
      this.acceptGhost();
    } else if (event.key === "Escape" && this.ghost) {
      event.preventDefault();
      this.setGhost(null);
    } else if (event.key === "." && (event.ctrlKey || event.metaKey)) {
      const diagnostic = this.diagnosticAtCaret();
      if (diagnostic && diagnostic.fix) {
        event.preventDefault();
        this.applyFix(diagnostic);
      }
    } else if (event.key === " " && event.ctrlKey) {
      event.preventDefault();
      this.complete();
    }
  }

  acceptGhost() {
    const { text, at } = this.ghost;
    this.replaceRange(at, at, text);
  }

  /** Replace a span as if typed (one undo step). */
  replaceRange(start, end, text) {
    const area = this.textarea;
    area.focus();
    area.setSelectionRange(start, end);
    const done = text
      ? document.execCommand("insertText", false, text)
      : document.execCommand("delete", false);
    if (!done) {
      area.setRangeText(text, start, end, "end");
      area.dispatchEvent(new InputEvent("input", { inputType: "insertReplacementText" }));
    }
  }

  /** Replace the whole draft (one undo step when the editor is on screen). */
  setText(text) {
    if (this.textarea.offsetParent !== null) {
      this.replaceRange(0, this.text.length, text);
      return;
    }
    this.textarea.value = text;
    this.textarea.dispatchEvent(new InputEvent("input", { inputType: "insertReplacementText" }));
  }

  clear() {
    this.textarea.value = "";
    this.textarea.dispatchEvent(new InputEvent("input", { inputType: "deleteContent" }));
  }

  // --- autocomplete ----------------------------------------------------------------------------

  async complete() {
    const area = this.textarea;
    if (!this.autocomplete || this.composing || document.activeElement !== area) return;
    const at = area.selectionStart;
    const text = this.text;
    if (at !== area.selectionEnd || !text.slice(0, at).trim()) return;
    this.completing?.abort();
    const controller = (this.completing = new AbortController());
    const body = { text: text.slice(0, at), suffix: text.slice(at), limit: 1 };
    const office = this.officeType();
    if (office) body.office_type = office;
    try {
      const result = await callJson("/v1/complete", { json: body, signal: controller.signal });
      const moved = this.text !== text || area.selectionStart !== at || area.selectionEnd !== at;
      if (moved || this.composing || document.activeElement !== area) return;
      const top = result.suggestions && result.suggestions[0];
      this.setGhost(top && top.text ? { text: top.text, at, source: top.source } : null);
    } catch (error) {
      report(error);
    }
  }

  setGhost(ghost) {
    if (!ghost && !this.ghost) return;
    this.ghost = ghost;
    this.render();
    this.updateHint();
    this.emit("ghost");
  }

  // --- checking --------------------------------------------------------------------------------

  scheduleCheck(delay = CHECK_DELAY_MS) {
    clearTimeout(this.checkTimer);
    this.checkTimer = setTimeout(() => this.check(), delay);
  }

  /** Check the draft now; resolves when its diagnostics are shown. */
  async check() {
    clearTimeout(this.checkTimer);
    const text = this.text;
    this.checking?.abort();
    if (!text.trim()) {
      this.setDiagnostics([]);
      return;
    }
    const controller = (this.checking = new AbortController());
    try {
      const result = await callJson("/v1/check", { json: { text }, signal: controller.signal });
      if (this.text === text) this.showResult(result.diagnostics, text);
    } catch (error) {
      report(error);
    }
  }

  /** Show diagnostics the server found in `text` (which must be the current draft). */
  showResult(diagnostics, text = this.text) {
    const index = utf16Index(text);
    const mapped = diagnostics.map((d) => {
      const start = index(d.offset);
      return { ...d, id: nextId++, start, end: index(d.offset + d.length) };
    });
    mapped.sort((a, b) => a.start - b.start || a.end - b.end);
    this.setDiagnostics(mapped);
  }

  /** New diagnostics (`fresh`: from a check, not only moved by an edit); redraws. */
  setDiagnostics(diagnostics, fresh = true) {
    this.diagnostics = diagnostics;
    this.render();
    this.updateHint();
    this.dispatchEvent(new CustomEvent("diagnostics", { detail: { fresh } }));
  }

  /** A diagnostic as it is now (edits move them), by id; null once an edit removed it. */
  current(id) {
    return this.diagnostics.find((d) => d.id === id) || null;
  }

  counts() {
    const counts = { error: 0, warning: 0, info: 0 };
    for (const d of this.diagnostics) counts[d.severity] = (counts[d.severity] || 0) + 1;
    return counts;
  }

  /** The 1-based line a diagnostic starts on. */
  lineOf(diagnostic) {
    return this.view.lineIndex(diagnostic.start) + 1;
  }

  applyFix(diagnostic) {
    this.replaceRange(diagnostic.start, diagnostic.end, diagnostic.fix.replacement);
  }

  /** Apply every fix that does not overlap another, check again, and repeat while some remain. */
  async fixAll() {
    for (let round = 0; round < FIX_ALL_ROUNDS; round++) {
      const fixes = disjoint(this.diagnostics.filter((d) => d.fix));
      if (!fixes.length) return;
      const text = this.text;
      let fixed = "";
      let position = 0;
      for (const d of fixes) {
        fixed += text.slice(position, d.start) + d.fix.replacement;
        position = d.end;
      }
      this.setText(fixed + text.slice(position));
      await this.check();
    }
  }

  /** Put the caret on a diagnostic and select its span. */
  reveal(diagnostic) {
    this.textarea.focus();
    this.textarea.setSelectionRange(diagnostic.start, diagnostic.end);
    const [mark] = this.view.marksOf(diagnostic);
    if (mark) mark.scrollIntoView({ block: "nearest" });
  }

  diagnosticAtCaret() {
    const area = this.textarea;
    if (document.activeElement !== area) return null;
    const caret = area.selectionStart;
    return this.diagnostics.find((d) => d.start <= caret && caret <= d.end) || null;
  }

  // --- drawing ---------------------------------------------------------------------------------

  render() {
    this.view.draw(this.text, disjoint(this.diagnostics), this.ghost);
  }

  onSelection() {
    if (document.activeElement !== this.textarea) return;
    const { selectionStart, selectionEnd } = this.textarea;
    if (this.ghost && (selectionStart !== selectionEnd || selectionStart !== this.ghost.at)) {
      this.setGhost(null);
    }
    this.updateHint();
  }

  /** The line under the editor: the problem at the caret, or how to take a suggestion. */
  updateHint() {
    const diagnostic = this.diagnosticAtCaret();
    for (const node of this.mirror.querySelectorAll(".current")) node.classList.remove("current");
    if (diagnostic) {
      for (const node of this.view.marksOf(diagnostic)) node.classList.add("current");
      const fix = diagnostic.fix
        ? `（按 Ctrl+. 修复：${fixLabel(diagnostic.fix.replacement)}）`
        : "";
      const where = `第 ${this.lineOf(diagnostic)} 行`;
      replaceChildren(this.hint, `${where}${SEVERITY_NAMES[diagnostic.severity]}：${diagnostic.message}${fix}`);
    } else if (this.ghost) {
      replaceChildren(this.hint, "按 Tab 接受灰色建议，按 Esc 忽略。");
    } else {
      replaceChildren(this.hint, this.autocomplete ? "输入时会给出灰色续写建议；Ctrl+空格 可随时请求建议。" : "");
    }
  }

  onPointer(event) {
    if (this.pointerFrame) return;
    this.pointerFrame = requestAnimationFrame(() => {
      this.pointerFrame = 0;
      const node = this.markAt(event.clientX, event.clientY);
      if (!node) this.hideTip();
      else if (node !== this.hovered) this.showTip(node);
    });
  }

  markAt(x, y) {
    for (const node of this.view.marks()) {
      for (const rect of node.getClientRects()) {
        if (x >= rect.left - 2 && x <= rect.right + 2 && y >= rect.top && y <= rect.bottom) return node;
      }
    }
    return null;
  }

  showTip(node) {
    const start = this.view.startOf(node);
    const diagnostic = this.diagnostics.find((d) => d.start === start);
    if (!diagnostic) return;
    this.hovered = node;
    const fix = diagnostic.fix ? `建议：${fixLabel(diagnostic.fix.replacement)}` : "";
    replaceChildren(
      this.tip,
      el("strong", {}, SEVERITY_NAMES[diagnostic.severity]),
      ` ${diagnostic.message}`,
      fix ? el("span", { className: "tip-fix" }, fix) : null,
    );
    const box = this.box.getBoundingClientRect();
    const rect = node.getClientRects()[0];
    this.tip.hidden = false;
    const left = Math.min(rect.left - box.left, box.width - this.tip.offsetWidth - 4);
    this.tip.style.left = `${Math.max(4, left)}px`;
    this.tip.style.top = `${rect.bottom - box.top + 6}px`;
  }

  hideTip() {
    this.hovered = null;
    this.tip.hidden = true;
  }

  emit(name) {
    this.dispatchEvent(new Event(name));
  }
}

/** How a fix reads in a message: the replacement, or a deletion. */
export function fixLabel(replacement) {
  return replacement ? `改为“${replacement}”` : "删除";
}
