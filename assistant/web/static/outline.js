// 提纲: office, period, year and topic -> the outline with its parts, phrasing and sources;
// copy it as text, download it as Word, or start a draft from it.

import { callFile, callJson } from "./api.js";
import { byId, copyText, download, el, replaceChildren } from "./dom.js";
import { notify, report } from "./notice.js";
import { draftSkeleton } from "./skeleton.js";

let current = null; // { request, outline }

/** The request body: the year goes with the period (``2025年上半年``, ``2025年度``). */
function requestBody() {
  const office = byId("outline-office").value.trim();
  const period = byId("outline-period").value;
  const year = byId("outline-year").value.trim();
  const topic = byId("outline-topic").value.trim();
  const body = { office_type: office };
  if (period || year) body.period = year ? `${year}${period.startsWith("年") ? "" : "年"}${period}` : period;
  if (topic) body.topic = topic;
  return body;
}

function citeButtons(sources) {
  if (!sources.length) return null;
  return el(
    "p",
    { className: "cites" },
    "来源：",
    sources.map((key) =>
      el("button", { type: "button", className: "cite", onclick: () => openSource(key), "aria-label": `查看来源 ${key}` }, key),
    ),
  );
}

function openSource(key) {
  const list = byId("outline-sources");
  list.open = true;
  const item = document.getElementById(`source-${key}`);
  if (!item) return;
  item.open = true;
  item.querySelector("summary").focus();
  item.scrollIntoView({ block: "nearest" });
}

function phrasingList(phrasing) {
  return phrasing.length ? el("ul", { className: "phrasing" }, phrasing.map((p) => el("li", {}, p))) : null;
}

function sectionNode(section) {
  const heading = el(`h${Math.min(section.level + 2, 6)}`, {}, `${section.number}${section.heading}`);
  return el(
    "section",
    { className: `part level-${section.level} role-${section.role}` },
    heading,
    phrasingList(section.phrasing),
    citeButtons(section.sources),
    section.children.map(sectionNode),
  );
}

function render(outline) {
  const meta = [`时段：${outline.period}`];
  if (outline.matched_office_type !== outline.office_type) {
    meta.unshift(`参考单位类型：${outline.matched_office_type}（按“${outline.office_type}”匹配）`);
  } else meta.unshift(`单位类型：${outline.matched_office_type}`);
  const sources = Object.entries(outline.sources);
  replaceChildren(
    byId("outline-result"),
    el("h2", { className: "outline-title", tabindex: "-1" }, outline.title),
    el("p", { className: "meta" }, meta.join(" · ")),
    el(
      "section",
      { className: "part opening" },
      el("h3", {}, "开头"),
      phrasingList(outline.opening.phrasing),
      citeButtons(outline.opening.sources),
    ),
    outline.sections.map(sectionNode),
    el(
      "details",
      { id: "outline-sources", className: "sources" },
      el("summary", {}, `来源（${sources.length}）`),
      el(
        "ol",
        {},
        sources.map(([key, source]) =>
          el(
            "li",
            {},
            el(
              "details",
              { id: `source-${key}` },
              el("summary", {}, `${key}　${source.title}（${source.office_type}，${source.document}）`),
              el("p", { className: "excerpt" }, `${source.excerpt}……`),
            ),
          ),
        ),
      ),
    ),
  );
}

function* sectionLines(section, indent) {
  yield `${section.number}${section.heading}`;
  for (const phrase of section.phrasing) yield `${indent}${phrase}`;
  for (const child of section.children) yield* sectionLines(child, indent);
}

/** The outline as plain text to paste anywhere. */
export function outlineText(outline) {
  const indent = "　　";
  const lines = [outline.title, "", "（开头）", ...outline.opening.phrasing.map((p) => indent + p), ""];
  for (const section of outline.sections) lines.push(...sectionLines(section, indent), "");
  lines.push("来源：");
  for (const [key, source] of Object.entries(outline.sources)) {
    lines.push(`${key}. ${source.title}（${source.office_type}，${source.document}）`);
  }
  return lines.join("\n");
}

function headings(sections) {
  return sections.flatMap((s) => [`${s.number}${s.heading}`, ...headings(s.children)]);
}

/** Fill the office suggestions (the corpus's office types and their aliases). */
export function setOfficeTypes(officeTypes) {
  const names = [...new Set(officeTypes.flatMap((type) => [type.name, ...type.aliases]))];
  replaceChildren(byId("office-list"), names.map((name) => el("option", { value: name })));
}

/** Fill the period choices. */
export function setPeriods(periods, defaultPeriod) {
  replaceChildren(
    byId("outline-period"),
    periods.map((period) => el("option", { value: period, selected: period === defaultPeriod }, period)),
  );
}

export function initOutline({ openInWriter }) {
  const result = byId("outline-result");
  const actions = byId("outline-actions");
  const submit = byId("outline-submit");
  byId("outline-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    const body = requestBody();
    submit.disabled = true;
    result.setAttribute("aria-busy", "true");
    try {
      const outline = await callJson("/v1/outline", { json: body });
      current = { request: body, outline };
      render(outline);
      actions.hidden = false;
      byId("outline-result").querySelector("h2").focus();
    } catch (error) {
      report(error);
    } finally {
      submit.disabled = false;
      result.removeAttribute("aria-busy");
    }
  });
  byId("outline-copy").addEventListener("click", async () => {
    try {
      await copyText(outlineText(current.outline));
      notify("已复制提纲文本。");
    } catch {
      notify("无法访问剪贴板，请选中提纲手动复制。", { error: true });
    }
  });
  byId("outline-docx").addEventListener("click", async () => {
    try {
      const file = await callFile("/v1/outline/docx", { json: current.request }, `${current.outline.title}.docx`);
      download(file.blob, file.filename);
      notify("已下载提纲 Word 文档。");
    } catch (error) {
      report(error);
    }
  });
  byId("outline-write").addEventListener("click", () => {
    const outline = current.outline;
    openInWriter(draftSkeleton(outline.title, headings(outline.sections)));
  });
}
