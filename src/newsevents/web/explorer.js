// The event explorer: the API's filters, a table of the matching events, and export of
// the current selection as CSV, JSONL or GDELT (the API streams the exporters).
import { api, append, el, pager, route } from "./dom.js";
import { filterForm, pickFilters } from "./filters.js";

const COLUMNS = ["date", "type", "cameo", "modality", "source", "trigger", "target", "place", "title"];

export async function showEvents(root, _arg, query) {
  const filters = pickFilters(query);
  const offset = Number(query.offset || 0);
  append(root, [
    el("h1", { text: "Events" }),
    filterForm(filters, (chosen) => { location.hash = route("events", "", chosen); }),
  ]);
  const page = await api("/api/events", { ...filters, limit: 50, offset });
  const qs = new URLSearchParams(filters).toString();
  const exportLink = (fmt, label) => el("a", {
    class: "button export", href: `/api/export/${fmt}${qs ? "?" + qs : ""}`, download: "", "data-format": fmt, text: label,
  });
  const rows = page.items.map((e) => el("tr", {},
    COLUMNS.map((c) => {
      if (c === "title") return el("td", {}, el("a", { href: route("reader", e.article), text: e.title || e.article }));
      if (c === "source" || c === "target") {
        const ids = e[`${c}_ids`];
        const names = e[c] ? e[c].split("; ") : [];
        return el("td", {}, ids.flatMap((id, i) => [i ? ", " : "", el("a", { href: route("actors", id), text: names[i] || id })]));
      }
      return el("td", { text: e[c] ?? "" });
    })));
  append(root, [
    el("div", { class: "toolbar" }, el("span", { class: "total", id: "event-total", text: `${page.total_exact ? "" : "more than "}${page.total} events` }),
      "Export this selection: ", exportLink("csv", "CSV"), exportLink("jsonl", "JSONL"), exportLink("gdelt", "GDELT"),
      el("a", { class: "button", href: route("map", "", filters), text: "Map" })),
    el("table", { class: "grid", id: "events" },
      el("thead", {}, el("tr", {}, COLUMNS.map((h) => el("th", { text: h })))),
      el("tbody", {}, rows)),
    pager(page, (o) => { location.hash = route("events", "", { ...filters, offset: o }); }),
  ]);
}
