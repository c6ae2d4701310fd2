// Actors: a search, and one actor's page with its timeline of events and quotes and the
// network around it (a radial layout drawn as SVG: who acts on whom, by event count).
import { api, append, el, pager, route, svg } from "./dom.js";

export async function showActors(root, id, query) {
  if (id) return showActor(root, id, query);
  const offset = Number(query.offset || 0);
  const page = await api("/api/actors", { q: query.q, limit: 50, offset });
  const form = el("form", { class: "search", onsubmit: (e) => {
    e.preventDefault();
    location.hash = route("actors", "", { q: form.elements.q.value.trim() });
  } }, el("input", { name: "q", type: "search", placeholder: "name or id", value: query.q || "" }),
  el("button", { type: "submit", text: "Search" }));
  const rows = page.items.map((a) => el("tr", {},
    el("td", {}, el("a", { href: route("actors", a.id), text: a.name })),
    el("td", { text: a.type }), el("td", { text: a.country || "" }), el("td", { text: a.sector || "" }),
    el("td", { class: "num", text: a.articles }), el("td", { class: "num", text: a.events_as_source + a.events_as_target }),
    el("td", { class: "num", text: a.quotes })));
  append(root, [
    el("h1", { text: "Actors" }), form,
    el("table", { class: "grid", id: "actors" },
      el("thead", {}, el("tr", {}, ["name", "type", "country", "sector", "articles", "events", "quotes"].map((h) => el("th", { text: h })))),
      el("tbody", {}, rows)),
    pager(page, (o) => { location.hash = route("actors", "", { ...query, offset: o }); }),
  ]);
}

async function showActor(root, id, query) {
  const filters = { type: query.type, since: query.since, until: query.until };
  const [actor, timeline, network] = await Promise.all([
    api(`/api/actors/${encodeURIComponent(id)}`),
    api(`/api/actors/${encodeURIComponent(id)}/timeline`, { since: query.since, until: query.until, limit: 200 }),
    api(`/api/actors/${encodeURIComponent(id)}/network`, { ...filters, limit: 60 }),
  ]);
  const form = el("form", { class: "filters", onsubmit: (e) => {
    e.preventDefault();
    const f = form.elements;
    location.hash = route("actors", id, { type: f.type.value, since: f.since.value.trim(), until: f.until.value.trim() });
  } },
  el("label", {}, el("span", { text: "event type" }), el("input", { name: "type", value: query.type || "", placeholder: "CONSULT" })),
  el("label", {}, el("span", { text: "since" }), el("input", { name: "since", value: query.since || "", placeholder: "YYYY-MM-DD" })),
  el("label", {}, el("span", { text: "until" }), el("input", { name: "until", value: query.until || "", placeholder: "YYYY-MM-DD" })),
  el("button", { type: "submit", text: "Apply" }));
  const facts = [actor.type, actor.country, actor.sector].filter(Boolean).join(" · ");
  append(root, [
    el("p", {}, el("a", { href: route("actors"), text: "‹ all actors" })),
    el("h1", { id: "actor-name", text: actor.name }),
    el("p", { class: "meta" }, `${actor.id} · ${facts} · ${actor.articles} articles, `,
      `${actor.events_as_source} events as source, ${actor.events_as_target} as target, ${actor.quotes} quotes`),
    actor.roles.length ? el("p", { class: "roles" }, "Roles: ", actor.roles.map((r, i) =>
      el("span", { class: "role", text: `${i ? "; " : ""}${r.role} (${r.articles}, ${r.first || "?"}–${r.last || "?"})` }))) : null,
    form,
    el("div", { class: "actor-page" },
      el("section", { class: "timeline" }, el("h2", { text: `Timeline (${timeline.total})` }), timelineList(timeline.items)),
      el("section", { class: "network" }, el("h2", { text: "Network" }), networkSvg(network, id))),
  ]);
}

function timelineList(items) {
  return el("ol", { class: "timeline-list", id: "timeline" }, items.map((t) => el("li", { class: `tl-${t.kind}` },
    el("span", { class: "date", text: t.date || "undated" }),
    el("span", { class: `badge badge-${t.kind}`, text: t.kind === "event" ? t.what : `said (${t.what})` }),
    t.with ? el("span", { class: "with", text: t.kind === "event" ? (t.role === "source" ? `→ ${t.with}` : `← ${t.with}`) : `to ${t.with}` }) : null,
    el("blockquote", { text: t.text || "" }),
    el("a", { href: route("reader", t.article), class: "source", text: t.title || t.article }))));
}

// A radial layout: the actor in the middle, its counterparts on a circle by weight.
export function networkSvg(network, centre) {
  const size = 520, mid = size / 2, radius = size / 2 - 80;
  const nodes = network.nodes;
  const others = nodes.filter((n) => n.id !== centre).sort((a, b) => b.events - a.events || a.name.localeCompare(b.name));
  const position = new Map([[centre, { x: mid, y: mid }]]);
  others.forEach((n, i) => {
    const angle = (2 * Math.PI * i) / Math.max(others.length, 1) - Math.PI / 2;
    position.set(n.id, { x: mid + radius * Math.cos(angle), y: mid + radius * Math.sin(angle) });
  });
  const maxWeight = Math.max(1, ...network.edges.map((e) => e.events));
  const root = svg("svg", { viewBox: `0 0 ${size} ${size}`, class: "network-svg", id: "network", role: "img", "aria-label": "actor network" },
    svg("defs", {}, svg("marker", { id: "arrow", viewBox: "0 0 10 10", refX: 18, refY: 5, markerWidth: 6, markerHeight: 6, orient: "auto-start-reverse" },
      svg("path", { d: "M 0 0 L 10 5 L 0 10 z", class: "arrow" }))));
  for (const edge of network.edges) {
    const a = position.get(edge.source), b = position.get(edge.target);
    if (!a || !b) continue;
    root.append(svg("line", { x1: a.x, y1: a.y, x2: b.x, y2: b.y, class: "edge", "marker-end": "url(#arrow)",
      "stroke-width": 1 + 5 * Math.sqrt(edge.events / maxWeight) },
    svg("title", { text: `${edge.source} → ${edge.target}: ${edge.events} events` })));
  }
  for (const node of nodes) {
    const p = position.get(node.id);
    if (!p) continue;
    const link = svg("a", { href: route("actors", node.id), class: node.id === centre ? "node centre" : "node" },
      svg("circle", { cx: p.x, cy: p.y, r: node.id === centre ? 12 : 5 + 6 * Math.sqrt(node.events / maxWeight) }),
      svg("text", { x: p.x, y: p.y - 14, "text-anchor": "middle", text: node.name }),
      svg("title", { text: `${node.name} (${node.id}): ${node.events} events` }));
    root.append(link);
  }
  if (!network.edges.length) root.append(svg("text", { x: mid, y: mid + 40, "text-anchor": "middle", class: "empty", text: "no events with a counterpart" }));
  return root;
}
