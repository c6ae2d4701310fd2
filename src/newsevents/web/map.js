// The map of event places on an offline basemap: Natural Earth 1:110m country shapes
// (world-atlas TopoJSON shipped in the package), decoded and projected here (Equal Earth).
import { api, append, el, route, svg } from "./dom.js";
import { filterForm, pickFilters } from "./filters.js";

const WIDTH = 960;
// Equal Earth (Šavrič, Patterson, Jenny 2018): an equal-area projection for world maps.
const A1 = 1.340264, A2 = -0.081106, A3 = 0.000893, A4 = 0.003796, M = Math.sqrt(3) / 2;

export function equalEarth(lon, lat) {
  const lambda = (lon * Math.PI) / 180, phi = (lat * Math.PI) / 180;
  const theta = Math.asin(M * Math.sin(phi));
  const t2 = theta * theta, t6 = t2 * t2 * t2;
  const x = (2 * Math.sqrt(3) * lambda * Math.cos(theta)) / (3 * (9 * A4 * t6 * t2 + 7 * A3 * t6 + 3 * A2 * t2 + A1));
  const y = theta * (A1 + A2 * t2 + t6 * (A3 + A4 * t2));
  return [x, y];
}

const [X_MAX] = equalEarth(180, 0);
const [, Y_MAX] = equalEarth(0, 90);
const SCALE = WIDTH / (2 * X_MAX);
const HEIGHT = Math.ceil(2 * Y_MAX * SCALE);

export function project(lon, lat) {
  const [x, y] = equalEarth(lon, lat);
  return [WIDTH / 2 + x * SCALE, HEIGHT / 2 - y * SCALE];
}

// TopoJSON: arcs are quantized, delta-encoded point lists shared between neighbours.
export function decodeArcs(topology) {
  const [sx, sy] = topology.transform.scale;
  const [tx, ty] = topology.transform.translate;
  return topology.arcs.map((arc) => {
    let x = 0, y = 0;
    return arc.map(([dx, dy]) => { x += dx; y += dy; return [x * sx + tx, y * sy + ty]; });
  });
}

function ring(arcs, indexes) {
  const points = [];
  for (const index of indexes) {
    const arc = index >= 0 ? arcs[index] : arcs[~index].slice().reverse();
    points.push(...(points.length ? arc.slice(1) : arc));
  }
  return points;
}

export function countryPaths(topology) {
  const arcs = decodeArcs(topology);
  return topology.objects.countries.geometries.map((g) => {
    const polygons = g.type === "Polygon" ? [g.arcs] : g.type === "MultiPolygon" ? g.arcs : [];
    const d = polygons.flatMap((rings) => rings.flatMap((r) => unwrap(ring(arcs, r)))).map(pathOf).join("");
    return { name: g.properties ? g.properties.name : "", id: g.id, d };
  });
}

// A ring that crosses the antimeridian (Fiji, Chukotka) is made continuous, beyond ±180°,
// and drawn twice, once from each side; the sphere's outline clips what falls outside.
export function unwrap(points) {
  let shift = 0, previous = null, crossed = false;
  const out = [];
  for (const [lon, lat] of points) {
    if (previous !== null) {
      const step = lon + shift - previous;
      if (step > 180) { shift -= 360; crossed = true; } else if (step < -180) { shift += 360; crossed = true; }
    }
    previous = lon + shift;
    out.push([previous, lat]);
  }
  if (!crossed) return [out];
  const east = out.some(([lon]) => lon > 180);
  return [out, out.map(([lon, lat]) => [lon + (east ? -360 : 360), lat])];
}

function pathOf(points) {
  return "M" + points.map(([lon, lat]) => project(lon, lat).map((v) => v.toFixed(1)).join(",")).join("L") + "Z";
}

let basemap = null;
async function loadBasemap() {
  if (!basemap) {
    const response = await fetch("/static/vendor/world-atlas/countries-110m.json");
    basemap = countryPaths(await response.json());
  }
  return basemap;
}

export async function showMap(root, _arg, query) {
  const filters = pickFilters(query);
  append(root, [
    el("h1", { text: "Map of event places" }),
    filterForm(filters, (chosen) => { location.hash = route("map", "", chosen); }),
  ]);
  const [countries, places] = await Promise.all([loadBasemap(), api("/api/places", filters)]);
  const maxEvents = Math.max(1, ...places.items.map((p) => p.events));
  const map = svg("svg", { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, class: "map", id: "map", role: "img", "aria-label": "map of event places" },
    svg("defs", {}, svg("clipPath", { id: "sphere-clip" }, svg("path", { d: outline() }))),
    svg("path", { class: "sphere", d: outline() }),
    svg("g", { class: "countries", "clip-path": "url(#sphere-clip)" }, countries.map((c) => svg("path", { d: c.d, class: "country" }, svg("title", { text: c.name })))),
    svg("g", { class: "points" }, places.items.map((p) => {
      const [x, y] = project(p.lon, p.lat);
      return svg("a", { href: route("events", "", { ...filters, place: p.name }) },
        svg("circle", { cx: x.toFixed(1), cy: y.toFixed(1), r: (3 + 9 * Math.sqrt(p.events / maxEvents)).toFixed(1), class: "place" }),
        svg("title", { text: `${p.name}${p.country ? " (" + p.country + ")" : ""}: ${p.events} events` }));
    })));
  const list = el("ol", { class: "place-list", id: "place-list" }, places.items.slice(0, 30).map((p) =>
    el("li", {}, el("a", { href: route("events", "", { ...filters, place: p.name }), text: p.name }), ` ${p.country || ""} · ${p.events}`)));
  append(root, [el("div", { class: "map-page" }, el("div", { class: "map-box" }, map), list)]);
}

function outline() {
  const pts = [];
  for (let lat = -90; lat <= 90; lat += 5) pts.push(project(-180, lat));
  for (let lat = 90; lat >= -90; lat -= 5) pts.push(project(180, lat));
  return "M" + pts.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join("L") + "Z";
}
