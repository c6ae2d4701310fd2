// DOM helpers: every piece of text from the corpus goes in through textContent or an
// attribute, never through innerHTML, so markup in an article stays text.

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (name === "class") node.className = value;
    else if (name === "text") node.textContent = String(value);
    else if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, String(value));
  }
  append(node, children);
  return node;
}

const SVG = "http://www.w3.org/2000/svg";

export function svg(tag, attrs = {}, ...children) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined) continue;
    if (name === "text") node.textContent = String(value);
    else if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, String(value));
  }
  append(node, children);
  return node;
}

export function append(node, children) {
  const list = Array.isArray(children) ? children.flat(Infinity) : [children];
  for (const child of list) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export function clear(node) {
  while (node.firstChild) node.firstChild.remove();
  return node;
}

// A link inside the page: the hash router reads "#/view/arg?query".
export function route(view, arg = "", query = {}) {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== "" && v != null) params.set(k, v);
  const path = arg ? `#/${view}/${encodeURIComponent(arg)}` : `#/${view}`;
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

export async function api(path, params = {}) {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== "" && v != null) query.set(k, v);
  const qs = query.toString();
  const response = await fetch(qs ? `${path}?${qs}` : path, { headers: { Accept: "application/json" } });
  const body = await response.json();
  if (!response.ok) {
    const error = new Error(body && body.error ? body.error.message : `HTTP ${response.status}`);
    error.code = body && body.error ? body.error.code : String(response.status);
    throw error;
  }
  return body;
}

export function errorBox(error) {
  return el("p", { class: "error", role: "alert", text: error.message || String(error) });
}

export function pager(page, onPage) {
  const { total, limit, offset } = page;
  const exact = page.total_exact !== false;  // past the bound, more pages may follow
  const last = exact ? Math.min(offset + limit, total) : offset + page.items.length;
  return el("div", { class: "pager" },
    el("button", { type: "button", disabled: offset <= 0, onclick: () => onPage(Math.max(0, offset - limit)) }, "‹ previous"),
    el("span", { class: "count", text: total ? `${offset + 1}–${last} of ${exact ? "" : "more than "}${total}` : "none" }),
    el("button", { type: "button", disabled: exact ? last >= total : page.items.length < limit, onclick: () => onPage(offset + limit) }, "next ›"),
  );
}

// Only web links leave the page: a "javascript:" URL from an article is dropped.
export function safeUrl(url) {
  try {
    const parsed = new URL(url, location.href);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
  } catch {
    return null;
  }
}
