// The event filters of the API (and of `newsevents query events`), as a form.
import { el } from "./dom.js";

export const FILTERS = ["actor", "country", "sector", "type", "cameo", "modality", "since", "until", "place", "text"];
const TYPES = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
  "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"];
const MODALITIES = ["occurred", "planned", "hypothetical", "negated"];
const HINTS = {
  actor: "id or name", country: "ISO3 (UKR)", sector: "GOV, MIL…", cameo: "prefix (19)",
  since: "YYYY-MM-DD", until: "YYYY-MM-DD", place: "Kyiv", text: "words",
};

export function pickFilters(query) {
  const out = {};
  for (const name of FILTERS) if (query[name]) out[name] = query[name];
  return out;
}

export function filterForm(values, onApply) {
  const fields = FILTERS.map((name) => {
    let input;
    if (name === "type" || name === "modality") {
      const options = name === "type" ? TYPES : MODALITIES;
      input = el("select", { name }, el("option", { value: "", text: "any" }),
        options.map((o) => el("option", { value: o, text: o, selected: values[name] === o })));
    } else {
      input = el("input", { name, type: "text", placeholder: HINTS[name] || "", value: values[name] || "" });
    }
    return el("label", {}, el("span", { text: name }), input);
  });
  const form = el("form", { class: "filters", onsubmit: (e) => {
    e.preventDefault();
    const data = new FormData(form);
    const chosen = {};
    for (const name of FILTERS) {
      const v = String(data.get(name) || "").trim();
      if (v) chosen[name] = v;
    }
    onApply(chosen);
  } }, fields, el("button", { type: "submit", text: "Apply" }));
  return form;
}
