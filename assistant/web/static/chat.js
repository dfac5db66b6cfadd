// 对话: the chat, streamed from /v1/chat/completions; the conversation lives in the page (and
// in the session's storage), so follow-ups such as 换成园区的 refine the previous answer.

import { streamChat } from "./api.js";
import { byId, el, replaceChildren } from "./dom.js";
import { report } from "./notice.js";
import { outlineOfMarkdown, renderMarkdown } from "./markdown.js";
import { draftSkeleton } from "./skeleton.js";

const STORAGE = "assistant.chat";
let messages = [];
let streaming = null; // AbortController of the reply being received

function load() {
  try {
    const saved = JSON.parse(sessionStorage.getItem(STORAGE) || "[]");
    return Array.isArray(saved) ? saved.filter((m) => typeof m.content === "string") : [];
  } catch {
    return [];
  }
}

function save() {
  sessionStorage.setItem(STORAGE, JSON.stringify(messages));
}

function bubble(role, content) {
  const body = el("div", { className: "msg-body" });
  if (role === "assistant") body.append(renderMarkdown(content));
  else body.textContent = content;
  const who = role === "assistant" ? "助手" : "我";
  return el("div", { className: `msg ${role}` }, el("span", { className: "who" }, who), body);
}

function drawAll() {
  const log = byId("chat-log");
  replaceChildren(log, messages.map((m) => bubble(m.role, m.content)));
  if (!messages.length) {
    log.append(
      el(
        "p",
        { className: "chat-empty" },
        "说说您的单位和要写的总结，例如：“我是县农机局的，帮我列个上半年总结提纲”。之后可以接着说“换成园区的”“改成年度的”“把第二部分展开一点”。",
      ),
    );
  }
  updateOpenButton();
}

function latestOutline() {
  for (let i = messages.length - 1; i >= 0; i--) {
    if (messages[i].role !== "assistant") continue;
    const outline = outlineOfMarkdown(messages[i].content);
    if (outline) return outline;
  }
  return null;
}

function updateOpenButton() {
  byId("chat-write").disabled = !latestOutline() || Boolean(streaming);
}

async function send(text) {
  const log = byId("chat-log");
  const button = byId("chat-send");
  messages.push({ role: "user", content: text });
  save();
  drawAll();
  const reply = el("div", { className: "msg-body" });
  const node = el("div", { className: "msg assistant streaming", "aria-busy": "true" }, el("span", { className: "who" }, "助手"), reply);
  log.append(node);
  node.scrollIntoView({ block: "end" });
  let content = "";
  let frame = 0;
  const draw = () => {
    frame = 0;
    replaceChildren(reply, renderMarkdown(content));
    node.scrollIntoView({ block: "end" });
  };
  streaming = new AbortController();
  button.textContent = "停止";
  updateOpenButton();
  try {
    await streamChat(messages, (piece) => {
      content += piece;
      if (!frame) frame = requestAnimationFrame(draw);
    }, streaming.signal);
    cancelAnimationFrame(frame);
    draw();
    messages.push({ role: "assistant", content });
    save();
  } catch (error) {
    cancelAnimationFrame(frame);
    if (content) {
      draw();
      messages.push({ role: "assistant", content });
      save();
    }
    const stopped = error.name === "AbortError";
    reply.append(el("p", { className: "msg-error" }, stopped ? "（已停止）" : error.message));
    if (!stopped) report(error);
  } finally {
    node.classList.remove("streaming");
    node.removeAttribute("aria-busy");
    streaming = null;
    button.textContent = "发送";
    updateOpenButton();
  }
}

export function initChat({ openInWriter }) {
  messages = load();
  drawAll();
  const input = byId("chat-input");
  const form = byId("chat-form");
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (streaming) {
      streaming.abort();
      return;
    }
    const text = input.value.trim();
    if (!text) return;
    input.value = "";
    send(text);
  });
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
  byId("chat-new").addEventListener("click", () => {
    streaming?.abort();
    messages = [];
    save();
    drawAll();
    input.focus();
  });
  byId("chat-write").addEventListener("click", () => {
    const outline = latestOutline();
    if (outline) openInWriter(draftSkeleton(outline.title, outline.headings));
  });
}
