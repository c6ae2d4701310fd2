// The article reader: the text with actors, places, times, quotes and event triggers
// marked from the document's offsets (displaCy-like), the records beside it, and the
// evidence of the record clicked.
import { api, append, clear, el, pager, route, safeUrl } from "./dom.js";

export async function showReader(root, key, query) {
  if (key) return showArticle(root, key);
  const offset = Number(query.offset || 0);
  const page = await api("/api/articles", { limit: 25, offset, text: query.text });
  const search = el("form", { class: "search", onsubmit: (e) => {
    e.preventDefault();
    location.hash = route("reader", "", { text: search.elements.text.value.trim() });
  } }, el("input", { name: "text", type: "search", placeholder: "words of a title", value: query.text || "" }),
  el("button", { type: "submit", text: "Search" }));
  const rows = page.items.map((a) => el("tr", {},
    el("td", { text: a.published || "" }),
    el("td", {}, el("a", { href: route("reader", a.key), class: "article-link", text: a.title || a.id })),
    el("td", { text: a.source || "" }),
    el("td", { class: "num", text: a.events }),
    el("td", { class: "num", text: a.quotes })));
  append(root, [
    el("h1", { text: "Articles" }), search,
    el("table", { class: "grid", id: "articles" },
      el("thead", {}, el("tr", {}, ["published", "title", "source", "events", "quotes"].map((h) => el("th", { text: h })))),
      el("tbody", {}, rows)),
    pager(page, (o) => { location.hash = route("reader", "", { ...query, offset: o }); }),
  ]);
}

const KINDS = { actor: "ACTOR", place: "PLACE", time: "TIME", event: "EVENT" };

// Spans of one document: {start, end, kind, record}; entities never overlap each other
// (the longer one wins), quotes are drawn as a band under whatever they contain.
export function documentSpans(doc) {
  const entities = [];
  doc.actors.forEach((a, i) => a.mentions.forEach((m) => entities.push({ ...m, kind: "actor", record: `actor-${i}`, label: a.name })));
  doc.places.forEach((p, i) => p.mentions.forEach((m) => entities.push({ ...m, kind: "place", record: `place-${i}`, label: p.name })));
  doc.times.forEach((t, i) => entities.push({ start: t.start, end: t.end, kind: "time", record: `time-${i}`, label: t.value ? t.value.start : t.text }));
  doc.events.forEach((e, i) => entities.push({ ...e.trigger, kind: "event", record: `event-${i}`, label: e.type }));
  entities.sort((a, b) => a.start - b.start || (b.end - b.start) - (a.end - a.start));
  const kept = [];
  for (const span of entities) {
    if (span.start >= span.end) continue;
    const previous = kept[kept.length - 1];
    if (previous && span.start < previous.end) continue;
    kept.push(span);
  }
  const quotes = doc.quotes.map((q, i) => ({ start: q.start, end: q.end, record: `quote-${i}` }));
  return { entities: kept, quotes };
}

function markedText(text, spans, onPick) {
  const body = el("div", { class: "article-text", id: "article-text" });
  const cuts = new Set([0, text.length]);
  for (const q of spans.quotes) { cuts.add(q.start); cuts.add(q.end); }
  const sortedCuts = [...cuts].filter((c) => c >= 0 && c <= text.length).sort((a, b) => a - b);

  // Plain text between a and b, split where quotes open and close.
  const piece = (a, b) => {
    const out = [];
    for (let i = 0; i < sortedCuts.length; i++) {
      const s = Math.max(a, i === 0 ? 0 : sortedCuts[i - 1]);
      const e = Math.min(b, sortedCuts[i]);
      if (e <= s) continue;
      const quote = spans.quotes.find((q) => q.start <= s && e <= q.end);
      const chunk = text.slice(s, e);
      out.push(quote ? el("span", { class: "quote", "data-record": quote.record, onclick: () => onPick(quote.record), text: chunk }) : chunk);
    }
    return out;
  };

  let position = 0;
  for (const span of spans.entities) {
    append(body, piece(position, span.start));
    append(body, el("mark", {
      class: `ent ent-${span.kind}`, "data-record": span.record, title: span.label,
      onclick: (e) => { e.stopPropagation(); onPick(span.record); },
    }, piece(span.start, span.end), el("span", { class: "label", text: KINDS[span.kind] })));
    position = span.end;
  }
  append(body, piece(position, text.length));
  return body;
}

function recordList(doc, onPick) {
  const actorName = (id) => (doc.actors.find((a) => a.id === id) || { name: id }).name;
  const section = (title, items) => items.length ? el("section", {},
    el("h3", { text: `${title} (${items.length})` }), el("ul", { class: "records" }, items)) : null;
  const item = (record, kind, ...text) => el("li", {},
    el("button", { type: "button", class: `record rec-${kind}`, "data-record": record, onclick: () => onPick(record) }, ...text));
  return el("div", { class: "record-list", id: "records" },
    section("Events", doc.events.map((e, i) => item(`event-${i}`, "event",
      el("b", { text: e.type }), ` ${e.source.map(actorName).join(", ") || "?"} → ${e.target.map(actorName).join(", ") || "?"} `,
      el("i", { text: `(${e.modality})` })))),
    section("Quotes", doc.quotes.map((q, i) => item(`quote-${i}`, "quote",
      el("b", { text: q.speaker ? actorName(q.speaker) : "unknown" }), `: ${q.text.slice(0, 90)}${q.text.length > 90 ? "…" : ""}`))),
    section("Actors", doc.actors.map((a, i) => item(`actor-${i}`, "actor", el("b", { text: a.name }), ` ${a.type}${a.country ? ", " + a.country : ""}`))),
    section("Places", doc.places.map((p, i) => item(`place-${i}`, "place", el("b", { text: p.name }), ` ${p.feature}${p.country ? ", " + p.country : ""}`))),
    section("Times", doc.times.map((t, i) => item(`time-${i}`, "time", el("b", { text: t.text }), t.value ? ` ${t.value.start}…${t.value.end}` : ""))),
  );
}

function details(doc, record) {
  const [kind, index] = record.split("-");
  const r = doc[`${kind}s`][Number(index)];
  const actorLink = (id) => {
    const actor = doc.actors.find((a) => a.id === id);
    return el("a", { href: route("actors", id), text: actor ? actor.name : id });
  };
  const rows = [];
  const row = (name, ...value) => rows.push(el("tr", {}, el("th", { text: name }), el("td", {}, ...value)));
  if (kind === "event") {
    const sentence = doc.sentences[r.sentence];
    row("type", `${r.type}${r.mode ? " / " + r.mode : ""} (CAMEO ${r.cameo})`);
    row("modality", r.modality);
    row("source", ...r.source.flatMap((id, i) => (i ? [", ", actorLink(id)] : [actorLink(id)])));
    row("target", ...r.target.flatMap((id, i) => (i ? [", ", actorLink(id)] : [actorLink(id)])));
    row("trigger", r.trigger.text);
    if (r.place !== null && doc.places[r.place]) row("place", doc.places[r.place].name);
    if (r.time) row("time", `${r.time.start} … ${r.time.end}`);
    if (r.reported_by) row("reported by", actorLink(r.reported_by));
    row("confidence", String(r.confidence));
    row("evidence", el("q", { class: "evidence", text: sentence ? doc.article.text.slice(sentence.start, sentence.end) : r.trigger.text }));
  } else if (kind === "quote") {
    row("speaker", r.speaker ? actorLink(r.speaker) : "unknown");
    row("kind", r.kind);
    if (r.cue) row("cue", r.cue);
    if (r.channel) row("channel", r.channel);
    row("evidence", el("q", { class: "evidence", text: r.text }));
  } else if (kind === "actor") {
    row("id", el("a", { href: route("actors", r.id), text: r.id }));
    row("type", r.type);
    if (r.country) row("country", r.country);
    if (r.sector) row("sector", r.sector);
    if (r.role) row("role", r.role);
    row("mentions", r.mentions.map((m) => m.text).join(" · "));
  } else if (kind === "place") {
    row("feature", r.feature);
    if (r.country) row("country", r.country);
    if (r.lat !== null) row("coordinates", `${r.lat.toFixed(3)}, ${r.lon.toFixed(3)}`);
    row("mentions", r.mentions.map((m) => m.text).join(" · "));
  } else if (kind === "time") {
    row("text", r.text);
    row("granularity", r.granularity);
    if (r.value) row("value", `${r.value.start} … ${r.value.end}`);
  }
  if (r.why) row("why", Object.entries(r.why).map(([k, v]) => `${k}: ${typeof v === "string" ? v : JSON.stringify(v)}`).join("; "));
  return el("div", { class: "details", id: "details" },
    el("h3", { text: `${kind} ${Number(index) + 1}` }), el("table", { class: "kv" }, el("tbody", {}, rows)));
}

async function showArticle(root, key) {
  const { document: doc } = await api(`/api/articles/${encodeURIComponent(key)}`);
  const a = doc.article;
  const side = el("aside", { class: "side" });
  const detailBox = el("div", { class: "detail-box" }, el("p", { class: "hint", text: "Click a highlighted word or a record to see its evidence." }));
  const pick = (record) => {
    for (const node of root.querySelectorAll(".focus")) node.classList.remove("focus");
    for (const node of root.querySelectorAll(`[data-record="${record}"]`)) node.classList.add("focus");
    clear(detailBox).append(details(doc, record));
    const first = root.querySelector(`.article-text [data-record="${record}"]`);
    if (first) first.scrollIntoView({ block: "nearest" });
  };
  append(side, [detailBox, recordList(doc, pick)]);
  const legend = el("p", { class: "legend" }, Object.entries(KINDS).map(([k, v]) => el("span", { class: `ent ent-${k}`, text: v })),
    el("span", { class: "quote", text: "QUOTE" }));
  append(root, [
    el("p", {}, el("a", { href: route("reader"), text: "‹ all articles" })),
    el("h1", { id: "article-title", text: a.title || a.id }),
    el("p", { class: "meta" }, [a.published, a.source].filter(Boolean).join(" · "), " ",
      safeUrl(a.url) ? el("a", { href: safeUrl(a.url), rel: "noopener noreferrer", text: "original" }) : null),
    legend,
    el("div", { class: "reader" }, markedText(a.text, documentSpans(doc), pick), side),
  ]);
}
