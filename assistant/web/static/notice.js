// The message line under the header: errors the writer must see, and short confirmations.

import { byId, replaceChildren } from "./dom.js";

let hideTimer = 0;

/** Show an error (stays until closed or replaced) or a confirmation (fades after a while). */
export function notify(message, { error = false } = {}) {
  const box = byId("notice");
  clearTimeout(hideTimer);
  replaceChildren(byId("notice-text"), message);
  box.classList.toggle("error", error);
  box.hidden = false;
  if (!error) hideTimer = setTimeout(() => (box.hidden = true), 4000);
}

/** Show what went wrong; aborted requests (superseded by newer ones) are not errors. */
export function report(error) {
  if (error && error.name === "AbortError") return;
  notify(error && error.name === "ApiError" ? error.message : `出错了：${error}`, { error: true });
}

/** Hide the current message. */
export function dismiss() {
  clearTimeout(hideTimer);
  byId("notice").hidden = true;
}

export function initNotice() {
  byId("notice-close").addEventListener("click", dismiss);
}
