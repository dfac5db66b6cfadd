// Calls to the assistant's HTTP API: the API key, Chinese error messages, JSON, files and SSE.

const KEY_STORAGE = "assistant.apiKey";
const TIMEOUT_MS = 60_000;
const CHAT_TIMEOUT_MS = 600_000; // a reply written by a configured language model streams longer

export const MESSAGES = {
  unreachable: "无法连接到服务器：请确认 assistant serve 正在运行，网络连接正常，然后重试。",
  timeout: "服务器长时间没有响应，请稍后重试。",
  unauthorized: "API 密钥无效或缺失，请输入正确的密钥。",
  keyRequired: "此服务设置了访问密钥（ASSISTANT_API_KEY），请输入管理员提供的 API 密钥。",
  tooLarge: "内容过大，请缩短文本或分段提交。",
  busy: "服务器繁忙或尚未就绪，请稍后重试。",
  unavailable: "功能暂不可用：当前服务器版本还没有提供这项功能。",
  server: "服务器出错，请稍后重试；如果一直出错，请联系管理员。",
  badReply: "服务器的回复无法识别，请刷新页面后重试。",
};

/** An error to show the writer: a Chinese message and the HTTP status (0 when unreachable). */
export class ApiError extends Error {
  constructor(message, status) {
    super(message);
    this.name = "ApiError";
    this.status = status;
  }
}

let askForKey = async () => null;
let pendingKey = null;

/** Register how the page asks for a key: (message) => Promise<key or null when cancelled>. */
export function setKeyPrompt(prompt) {
  askForKey = prompt;
}

export function apiKey() {
  return sessionStorage.getItem(KEY_STORAGE) || "";
}

/** One prompt at a time, shared by every request that was refused meanwhile. */
function promptForKey(message) {
  if (!pendingKey) {
    pendingKey = askForKey(message).finally(() => {
      pendingKey = null;
    });
  }
  return pendingKey;
}

async function detailOf(response) {
  try {
    const body = await response.json();
    return typeof body.detail === "string" ? body.detail : "";
  } catch {
    return "";
  }
}

/** The writer's message for a refused request. */
export async function errorFor(response, { optional = false } = {}) {
  const status = response.status;
  const detail = await detailOf(response);
  let message;
  if (status === 404 && optional) message = MESSAGES.unavailable;
  else if (status === 401) message = detail || MESSAGES.unauthorized;
  else if (status === 413) message = detail || MESSAGES.tooLarge;
  else if (status === 429 || status === 503) message = `${MESSAGES.busy}${detail ? `（${detail}）` : ""}`;
  else if (status >= 500) message = `${MESSAGES.server}${detail ? `（${detail}）` : `（${status}）`}`;
  else message = detail || `请求未被接受（${status}）。`;
  return new ApiError(message, status);
}

/**
 * Send a request and return the successful response.
 * `json` is sent as JSON, `form` as multipart; `optional` marks a feature the server may lack
 * (404 -> "功能暂不可用"). A 401 asks for the key and retries until the writer cancels.
 */
export async function call(
  path,
  { method = "POST", json, form, signal, optional = false, timeoutMs = TIMEOUT_MS } = {},
) {
  for (;;) {
    const headers = {};
    const key = apiKey();
    if (key) headers.Authorization = `Bearer ${key}`;
    let body;
    if (json !== undefined) {
      headers["Content-Type"] = "application/json";
      body = JSON.stringify(json);
    } else if (form !== undefined) {
      body = form;
    }
    const timeout = AbortSignal.timeout(timeoutMs);
    const signals = signal ? AbortSignal.any([signal, timeout]) : timeout;
    let response;
    try {
      response = await fetch(path, { method, headers, body, signal: signals });
    } catch (error) {
      if (signal && signal.aborted) throw error;
      if (timeout.aborted) throw new ApiError(MESSAGES.timeout, 0);
      throw new ApiError(MESSAGES.unreachable, 0);
    }
    if (response.ok) return response;
    const error = await errorFor(response, { optional });
    if (error.status !== 401) throw error;
    const entered = await promptForKey(key ? error.message : MESSAGES.keyRequired);
    if (!entered) throw error;
    sessionStorage.setItem(KEY_STORAGE, entered);
  }
}

/** JSON from a route. */
export async function callJson(path, options) {
  const response = await call(path, options);
  try {
    return await response.json();
  } catch (error) {
    if (error.name === "AbortError") throw error; // superseded while the body was arriving
    throw new ApiError(MESSAGES.badReply, response.status);
  }
}

/** A file from a route, with the name the server gave it (or `fallback`). */
export async function callFile(path, options, fallback) {
  const response = await call(path, { ...options, optional: true });
  let blob;
  try {
    blob = await response.blob();
  } catch {
    throw new ApiError("文件下载中断，请重试。", 0);
  }
  return { blob, filename: filenameOf(response.headers.get("content-disposition")) || fallback };
}

function filenameOf(disposition) {
  if (!disposition) return "";
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (encoded) {
    try {
      return decodeURIComponent(encoded[1].trim());
    } catch {
      return "";
    }
  }
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  return plain ? plain[1].trim() : "";
}

/** Stream a chat completion: calls onText with each piece of content; resolves at [DONE]. */
export async function streamChat(messages, onText, signal) {
  const response = await call("/v1/chat/completions", {
    json: { model: "work-summary-assistant", messages, stream: true },
    signal,
    timeoutMs: CHAT_TIMEOUT_MS,
  });
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  for (;;) {
    let chunk;
    try {
      chunk = await reader.read();
    } catch (error) {
      if (signal && signal.aborted) throw error;
      throw new ApiError("回复传输中断，请重试。", 0);
    }
    if (chunk.done) break;
    buffer += chunk.value;
    let end;
    while ((end = buffer.indexOf("\n\n")) >= 0) {
      const event = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      for (const line of event.split("\n")) {
        if (!line.startsWith("data:")) continue;
        const data = line.slice(5).trim();
        if (data === "[DONE]") return;
        let parsed;
        try {
          parsed = JSON.parse(data);
        } catch {
          throw new ApiError(MESSAGES.badReply, response.status);
        }
        const text = parsed.choices?.[0]?.delta?.content;
        if (text) onText(text);
      }
    }
  }
  throw new ApiError("回复没有正常结束，请重试。", 0);
}
