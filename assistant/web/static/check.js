// 检查: a pasted draft checked in place, or a Word file checked on the server and returned with
// its fixes as tracked changes.

import { callFile, callJson } from "./api.js";
import { byId, download, el, replaceChildren } from "./dom.js";
import { DraftEditor } from "./editor.js";
import { notify, report } from "./notice.js";
import { attachPanel, diagnosticItem, renderCounts } from "./panel.js";

let chosenFile = null;

function fileForm() {
  const form = new FormData();
  form.append("file", chosenFile, chosenFile.name);
  return form;
}

function fixedName(name) {
  return name.replace(/\.docx$/i, "") + "（修改）.docx";
}

function renderWordResult(result) {
  const counts = { error: 0, warning: 0, info: 0 };
  for (const d of result.diagnostics) counts[d.severity] += 1;
  const document = result.document || {};
  const facts = [`文件：${chosenFile.name}`];
  if (Number.isInteger(document.paragraphs)) facts.push(`${document.paragraphs} 段`);
  const countLine = el("p", { className: "counts", id: "docx-counts" });
  renderCounts(countLine, counts);
  replaceChildren(
    byId("docx-result"),
    el("h3", {}, "Word 文档检查结果"),
    el("p", { className: "meta" }, facts.join(" · ")),
    document.pending_changes
      ? el("p", { className: "warning-note" }, "该文档中还有未处理的修订，检查针对接受全部修订后的文本。")
      : null,
    countLine,
    result.diagnostics.length
      ? el(
          "ol",
          { className: "diags", id: "docx-diagnostics" },
          result.diagnostics.map((d) => diagnosticItem(d, d.line ? `第 ${d.line} 段第 ${d.column} 字` : "版面")),
        )
      : el("p", { className: "clean" }, "没有发现问题。"),
  );
  byId("docx-result").hidden = false;
}

async function checkWord() {
  const button = byId("check-fix-docx");
  button.disabled = true;
  byId("docx-result").hidden = true;
  if (!chosenFile) return;
  if (!/\.docx$/i.test(chosenFile.name)) {
    notify("只能上传 Word 文档（.docx）。旧版 .doc 请先在 Word 中另存为 .docx。", { error: true });
    return;
  }
  try {
    const result = await callJson("/v1/check/docx", { form: fileForm(), optional: true });
    renderWordResult(result);
    button.disabled = false;
  } catch (error) {
    report(error);
  }
}

async function downloadFixed() {
  try {
    const file = await callFile("/v1/fix/docx", { form: fileForm() }, fixedName(chosenFile.name));
    download(file.blob, file.filename);
    notify("已下载修改后的文档：修改以修订形式标出，可在 Word 中逐条接受或拒绝。");
  } catch (error) {
    report(error);
  }
}

export function initCheck() {
  const editor = new DraftEditor(byId("check-editor"), {
    id: "check-text",
    label: "要检查的文本",
    placeholder: "把草稿粘贴到这里，问题会在原文中标出；点右侧的条目定位，点“修复”改正。",
    storageKey: "assistant.checkText",
  });
  attachPanel(editor, {
    counts: byId("check-counts"),
    list: byId("check-diagnostics"),
    fixAll: byId("check-fix-all"),
    empty: byId("check-clean"),
  });
  byId("check-file").addEventListener("change", (event) => {
    chosenFile = event.target.files[0] || null;
    byId("check-file-name").textContent = chosenFile ? chosenFile.name : "未选择文件";
    checkWord();
  });
  byId("check-fix-docx").addEventListener("click", downloadFixed);
  byId("check-clear").addEventListener("click", () => editor.clear());
  return editor;
}
