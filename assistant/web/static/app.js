// The page's entry: tabs, the API-key dialog, loading what the forms offer, and the four views.

import { callJson, setKeyPrompt } from "./api.js";
import { byId, replaceChildren } from "./dom.js";
import { initChat } from "./chat.js";
import { initCheck } from "./check.js";
import { initNotice, report } from "./notice.js";
import { initOutline, setOfficeTypes, setPeriods } from "./outline.js";
import { initWrite, setWriteOfficeTypes } from "./write.js";

const VIEWS = ["outline", "chat", "write", "check"];

function tabs() {
  return VIEWS.map((view) => byId(`tab-${view}`));
}

/** Show one view; its tab becomes the selected one and the URL remembers it. */
function showView(view, { focus = false } = {}) {
  if (!VIEWS.includes(view)) view = VIEWS[0];
  for (const name of VIEWS) {
    const selected = name === view;
    const tab = byId(`tab-${name}`);
    tab.setAttribute("aria-selected", String(selected));
    tab.tabIndex = selected ? 0 : -1;
    byId(`view-${name}`).hidden = !selected;
  }
  if (focus) byId(`tab-${view}`).focus();
  if (location.hash !== `#${view}`) history.replaceState(null, "", `#${view}`);
}

function initTabs() {
  const all = tabs();
  for (const tab of all) {
    tab.addEventListener("click", () => showView(tab.dataset.view));
    tab.addEventListener("keydown", (event) => {
      const index = all.indexOf(tab);
      const next = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: all.length - 1 }[event.key];
      if (next === undefined) return;
      event.preventDefault();
      showView(VIEWS[(next + all.length) % all.length], { focus: true });
    });
  }
  window.addEventListener("hashchange", () => showView(location.hash.slice(1)));
  showView(location.hash.slice(1));
}

/** Ask for the API key in a dialog; resolves to the key, or null when the writer cancels. */
function promptForKey(message) {
  const dialog = byId("key-dialog");
  const form = byId("key-form");
  const input = byId("key-input");
  replaceChildren(byId("key-message"), message);
  input.value = "";
  return new Promise((resolve) => {
    const finish = (key) => {
      form.removeEventListener("submit", onSubmit);
      dialog.removeEventListener("close", onClose);
      resolve(key);
    };
    const onSubmit = (event) => {
      event.preventDefault();
      const key = input.value.trim();
      if (!key) return;
      finish(key);
      dialog.close();
    };
    const onClose = () => finish(null);
    form.addEventListener("submit", onSubmit);
    dialog.addEventListener("close", onClose);
    byId("key-cancel").onclick = () => dialog.close();
    dialog.showModal();
    input.focus();
  });
}

async function loadChoices() {
  try {
    const options = await callJson("/page/options.json", { method: "GET" });
    setPeriods(options.periods, options.default_period);
  } catch (error) {
    report(error);
  }
  try {
    const result = await callJson("/v1/office-types", { method: "GET" });
    setOfficeTypes(result.office_types);
    setWriteOfficeTypes(result.office_types);
  } catch (error) {
    report(error);
  }
}

function main() {
  initNotice();
  setKeyPrompt(promptForKey);
  initTabs();
  const writer = initWrite();
  const openInWriter = (text) => {
    if (writer.text.trim() && writer.text !== text && !confirm("写作区已有草稿，用这份提纲替换吗？（替换后可按 Ctrl+Z 撤销）")) {
      return;
    }
    showView("write");
    writer.setText(text);
    writer.textarea.focus();
    writer.textarea.setSelectionRange(writer.text.length, writer.text.length);
  };
  initOutline({ openInWriter });
  initChat({ openInWriter });
  initCheck();
  loadChoices();
  document.documentElement.dataset.ready = "true";
}

window.addEventListener("unhandledrejection", (event) => report(event.reason));
if (!window.fetch || !("TextDecoderStream" in window)) {
  byId("notice-text").textContent = "浏览器版本过旧，页面无法工作，请使用新版 Chrome、Edge 或 Firefox。";
  byId("notice").hidden = false;
} else {
  main();
}
