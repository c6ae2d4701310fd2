// The page's router: "#/reader/KEY", "#/events?type=CONSULT", "#/actors/ID", "#/map?...".
import { clear, errorBox } from "./dom.js";
import { showReader } from "./reader.js";
import { showEvents } from "./explorer.js";
import { showActors } from "./actor.js";
import { showMap } from "./map.js";

const VIEWS = { reader: showReader, events: showEvents, actors: showActors, map: showMap };

export function parseHash(hash) {
  const [path, qs = ""] = hash.replace(/^#\/?/, "").split("?");
  const [view = "reader", ...rest] = path.split("/");
  const arg = rest.length ? decodeURIComponent(rest.join("/")) : "";
  return { view: VIEWS[view] ? view : "reader", arg, query: Object.fromEntries(new URLSearchParams(qs)) };
}

async function render() {
  const { view, arg, query } = parseHash(location.hash);
  const root = clear(document.getElementById("view"));
  for (const link of document.querySelectorAll("nav a[data-view]")) {
    link.classList.toggle("active", link.dataset.view === view);
  }
  root.dataset.view = view;
  root.dataset.ready = "false";
  try {
    await VIEWS[view](root, arg, query);
  } catch (error) {
    root.append(errorBox(error));
  }
  root.dataset.ready = "true";
}

window.addEventListener("hashchange", render);
render();
