// 写作: the draft with ghost-text autocomplete and live checks; the office type for suggestions
// comes from the writer's choice or from the draft's title.

import { callFile } from "./api.js";
import { byId, download, el, replaceChildren } from "./dom.js";
import { DraftEditor } from "./editor.js";
import { notify, report } from "./notice.js";
import { attachPanel } from "./panel.js";

const OFFICE_STORAGE = "assistant.office";
const MAX_TITLE_CHARS = 50;
let officeTypes = [];
let editor = null;

function titleOf(text) {
  return (text.split("\n").find((line) => line.trim()) || "").trim();
}

/** The corpus office type whose longest alias the title names, or "". */
export function officeFromTitle(title, types) {
  let best = "";
  let length = 0;
  for (const type of types) {
    for (const alias of type.aliases) {
      if (alias.length > length && title.includes(alias)) {
        best = type.name;
        length = alias.length;
      }
    }
  }
  return best;
}

function chosenOffice() {
  return byId("write-office").value;
}

function currentOffice() {
  return chosenOffice() || officeFromTitle(titleOf(editor.text), officeTypes);
}

function updateOfficeNote() {
  const note = byId("write-office-note");
  if (chosenOffice()) replaceChildren(note, "");
  else if (!officeTypes.length) replaceChildren(note, "");
  else {
    const found = officeFromTitle(titleOf(editor.text), officeTypes);
    replaceChildren(note, found ? `从标题识别为：${found}` : "标题中没有识别出单位类型，续写建议不限单位。");
  }
}

/** Fill the office choices (after /v1/office-types answered). */
export function setWriteOfficeTypes(types) {
  officeTypes = types;
  const select = byId("write-office");
  const saved = localStorage.getItem(OFFICE_STORAGE) || "";
  replaceChildren(
    select,
    el("option", { value: "" }, "自动（从标题识别）"),
    types.map((type) => el("option", { value: type.name, selected: type.name === saved }, type.name)),
  );
  updateOfficeNote();
}

export function initWrite() {
  editor = new DraftEditor(byId("write-editor"), {
    id: "write-text",
    label: "草稿",
    placeholder: "在这里写草稿。第一行写标题，如“XX县农机局2026年上半年工作总结”；输入时会出现灰色续写建议，按 Tab 接受。",
    storageKey: "assistant.draft",
    autocomplete: true,
    officeType: currentOffice,
  });
  attachPanel(editor, {
    counts: byId("write-counts"),
    list: byId("write-diagnostics"),
    fixAll: byId("write-fix-all"),
    empty: byId("write-clean"),
  });
  editor.addEventListener("change", updateOfficeNote);
  byId("write-office").addEventListener("change", (event) => {
    localStorage.setItem(OFFICE_STORAGE, event.target.value);
    updateOfficeNote();
  });
  byId("write-docx").addEventListener("click", async () => {
    if (!editor.text.trim()) {
      notify("草稿是空的，请先写一些内容。", { error: true });
      return;
    }
    const title = titleOf(editor.text);
    const body = { text: editor.text };
    if (title.length <= MAX_TITLE_CHARS) body.title = title; // else the server picks the title
    try {
      const file = await callFile("/v1/draft/docx", { json: body }, "草稿.docx");
      download(file.blob, file.filename);
      notify("已下载 Word 文档。");
    } catch (error) {
      report(error);
    }
  });
  byId("write-clear").addEventListener("click", () => {
    if (!editor.text || confirm("清空草稿？清空后无法恢复。")) {
      editor.clear();
      notify("草稿已清空。");
    }
  });
  return editor;
}
