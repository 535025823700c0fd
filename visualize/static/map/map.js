// The data map: /map.json drawn as lanes, left to right. Plain JavaScript and SVG, no library:
// it ships in the package and loads nothing from outside the server. The view (filters and
// the entry in focus) lives in the address bar, so a view can be shared.
"use strict";

const LANES = [
  ["point", "Collected in"],
  ["category", "Data"],
  ["system", "Held in (systems)"],
  ["purpose", "For"],
  ["recipient", "Disclosed to"],
  ["region", "Transferred to"],
];
const GENERAL = "general-statements";
const NODE_H = 22, GAP = 6, COL_W = 230, BOX_W = 200, TOP = 40, LEFT = 16;
const SVGNS = "http://www.w3.org/2000/svg";

let data = null;
const byId = new Map();
// The regulator pack's copy carries the map and every entry with it: nothing is fetched.
const EMBEDDED = window.DATAMAP_EMBEDDED || null;

// With API keys on (DATAMAP_API_KEYS), the page asks for a key once and keeps it for this tab
// only (sessionStorage), sending it as X-API-Key with every request it makes.
const KEY_STORE = "datamap-api-key";
let keyHere = ""; // where storage is refused (a locked-down browser): until the page is left

function apiKey() {
  try {
    return sessionStorage.getItem(KEY_STORE) || keyHere;
  } catch {
    return keyHere;
  }
}

function keepKey(key) {
  keyHere = key;
  try {
    sessionStorage.setItem(KEY_STORE, key);
  } catch {
    // kept in keyHere only
  }
}

async function getJSON(url) {
  const headers = { Accept: "application/json" };
  const key = apiKey();
  if (key) headers["X-API-Key"] = key;
  const response = await fetch(url, { headers });
  return { ok: response.ok, status: response.status, body: await response.json() };
}

function askForKey(refused) {
  // Resolves once a key is entered; `refused`, the server's word on the key tried, if any.
  const canvas = document.getElementById("canvas");
  canvas.replaceChildren();
  const form = document.createElement("form");
  form.id = "key-form";
  const intro = document.createElement("p");
  intro.textContent = "This server needs an API key with the catalog scope to show the map.";
  const input = document.createElement("input");
  input.id = "api-key";
  input.type = "password";
  input.autocomplete = "off";
  input.setAttribute("aria-label", "API key");
  const button = document.createElement("button");
  button.type = "submit";
  button.textContent = "Open the map";
  form.append(intro, input, button);
  if (refused) {
    const error = document.createElement("p");
    error.className = "error";
    error.textContent = refused;
    form.append(error);
  }
  canvas.append(form);
  document.body.dataset.needsKey = "1";
  input.focus();
  return new Promise((resolve) => {
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      keepKey(input.value.trim());
      delete document.body.dataset.needsKey;
      canvas.replaceChildren();
      resolve();
    });
  });
}

async function loadMap() {
  let answer = await getJSON("/map.json");
  while (answer.status === 401 || answer.status === 403) {
    await askForKey(apiKey() ? answer.body.detail || `refused (${answer.status})` : "");
    answer = await getJSON("/map.json");
  }
  return answer;
}

function entry(id) {
  if (!EMBEDDED) return getJSON(`/entries/${encodeURIComponent(id)}`);
  const body = EMBEDDED.entries[id];
  return Promise.resolve(body ? { ok: true, status: 200, body } : { ok: false, status: 404, body: { detail: `no entry ${id} in this copy` } });
}

function findLocally(text) {
  // The offline copy matches ids and names (any case); the server resolves as the CLI does.
  const t = text.trim().toLowerCase();
  const hit = data.nodes.find((n) => n.id === t || n.name.toLowerCase() === t)
    || data.nodes.find((n) => n.name.toLowerCase().includes(t));
  return hit
    ? { ok: true, status: 200, body: { id: hit.id } }
    : { ok: false, status: 404, body: { detail: `no entry matches '${text}' in this copy of the map` } };
}

function readState() {
  const p = new URLSearchParams(location.hash.slice(1));
  return {
    focus: p.get("focus") || "",
    category: p.get("category") || "",
    recipient: p.get("recipient") || "",
    regime: p.get("regime") || "",
    sold: p.get("sold") === "1",
    general: p.get("general") === "1",
  };
}

function writeState(change) {
  const s = Object.assign(readState(), change);
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(s)) {
    if (v === true) p.set(k, "1");
    else if (v) p.set(k, v);
  }
  const hash = p.toString();
  if (location.hash.slice(1) !== hash) location.hash = hash;
  else render();
}

function el(name, attrs, parent) {
  const e = document.createElementNS(SVGNS, name);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  if (parent) parent.appendChild(e);
  return e;
}

function visibleGraph(state) {
  // General-statement recipients collapse into one node unless asked for.
  const collapse = (id) => {
    const n = byId.get(id);
    return !state.general && n && n.lane === "recipient" && !n.named ? GENERAL : id;
  };
  let edges = data.edges.map((e) => Object.assign({}, e, { source: collapse(e.source), target: collapse(e.target) }));
  const seen = new Set();
  edges = edges.filter((e) => {
    const key = `${e.source}|${e.target}|${e.kind}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  if (state.regime) {
    // what holds under every regime stays; a transfer or a sale stated under another goes
    edges = edges.filter((e) => !e.regimes || !e.regimes.length || e.regimes.includes(state.regime));
  }
  if (state.sold) {
    const soldCats = new Set(edges.filter((e) => e.kind === "sold" || e.kind === "shared").map((e) => e.source));
    edges = edges.filter((e) => e.kind === "sold" || e.kind === "shared" || (e.kind === "collects" && soldCats.has(e.target)));
  }
  if (state.category) {
    edges = edges.filter((e) => e.source === state.category || e.target === state.category);
  }
  if (state.recipient) {
    const into = new Set(edges.filter((e) => e.target === state.recipient).map((e) => e.source));
    edges = edges.filter((e) => e.target === state.recipient || (e.kind === "collects" && into.has(e.target)));
  }
  const ids = new Set();
  edges.forEach((e) => { ids.add(e.source); ids.add(e.target); });
  let nodes = data.nodes.filter((n) => ids.has(n.id));
  if (ids.has(GENERAL)) {
    const hidden = data.nodes.filter((n) => n.lane === "recipient" && !n.named).length;
    nodes.push({ id: GENERAL, name: `${hidden} more recipients, only through statements about personal information in general (click to show)`, lane: "recipient", general: true });
  }
  if (!state.sold && !state.category && !state.recipient && !state.regime) {
    // with no filter, the categories nothing reaches are still on the map
    const shown = new Set(nodes.map((n) => n.id));
    nodes = nodes.concat(data.nodes.filter((n) => !shown.has(n.id) && n.lane === "category"));
  }
  return { nodes, edges };
}

function render() {
  const state = readState();
  const { nodes, edges } = visibleGraph(state);
  const canvas = document.getElementById("canvas");
  canvas.textContent = "";
  const lanes = LANES.filter(([lane]) => nodes.some((n) => n.lane === lane));
  const pos = new Map();
  let height = 0;
  lanes.forEach(([lane, title], i) => {
    const x = LEFT + i * COL_W;
    nodes.filter((n) => n.lane === lane).forEach((n, j) => {
      pos.set(n.id, { x, y: TOP + j * (NODE_H + GAP), n });
      height = Math.max(height, TOP + (j + 1) * (NODE_H + GAP));
    });
  });
  const svg = el("svg", { width: LEFT * 2 + lanes.length * COL_W, height: height + 20, id: "map" }, canvas);
  lanes.forEach(([lane, title], i) => {
    const t = el("text", { x: LEFT + i * COL_W, y: 22, class: "lane-title" }, svg);
    t.textContent = title;
  });
  const lit = new Set();
  if (state.focus) {
    edges.forEach((e) => { if (e.source === state.focus || e.target === state.focus) { lit.add(e.source); lit.add(e.target); } });
  }
  const gEdges = el("g", {}, svg);
  for (const e of edges) {
    const a = pos.get(e.source), b = pos.get(e.target);
    if (!a || !b) continue;
    const x1 = a.x + BOX_W, y1 = a.y + NODE_H / 2, x2 = b.x, y2 = b.y + NODE_H / 2;
    const mid = (x1 + x2) / 2;
    const cls = ["edge", e.kind];
    if (e.general) cls.push("general");
    if (e.inferred) cls.push("inferred");
    if (state.focus) cls.push(e.source === state.focus || e.target === state.focus ? "lit" : "dim");
    const path = el("path", { d: `M${x1},${y1} C${mid},${y1} ${mid},${y2} ${x2},${y2}`, class: cls.join(" "), "data-edge": `${e.source}>${e.target}` }, gEdges);
    const tip = el("title", {}, path);
    tip.textContent = `${byName(e.source)} → ${byName(e.target)}: ${e.kind}${e.general ? " (general statement)" : ""}${e.inferred ? " (datamap's reading)" : ""}`;
  }
  for (const { x, y, n } of pos.values()) {
    const cls = ["node", n.lane];
    if (n.sensitive || (n.special && n.special.length)) cls.push("sensitive");
    if (n.sold || n.shared) cls.push("sold");
    if (n.general || (n.lane === "recipient" && !n.named)) cls.push("general");
    if (state.focus === n.id) cls.push("focus");
    else if (state.focus && !lit.has(n.id)) cls.push("dim");
    const g = el("g", { class: cls.join(" "), "data-node": n.id, tabindex: "0" }, svg);
    el("rect", { x, y, width: BOX_W, height: NODE_H }, g);
    const text = el("text", { x: x + 6, y: y + 15 }, g);
    text.textContent = n.name.length > 34 ? n.name.slice(0, 33) + "…" : n.name;
    const tip = el("title", {}, g);
    const words = systemWords(n);
    tip.textContent = words ? [n.name, ...Object.values(words)].join("\n") : n.name;
    g.addEventListener("click", () => {
      if (n.id === GENERAL) writeState({ general: true });
      else writeState({ focus: n.id });
    });
  }
  syncControls(state);
  if (state.focus && state.focus !== document.getElementById("panel").dataset.entry) showEntry(state.focus);
}

function byName(id) {
  const n = byId.get(id);
  return n ? n.name : id === GENERAL ? "general statements" : id;
}

function syncControls(state) {
  document.getElementById("f-category").value = state.category;
  document.getElementById("f-recipient").value = state.recipient;
  document.getElementById("f-regime").value = state.regime;
  document.getElementById("f-sold").checked = state.sold;
  document.getElementById("f-general").checked = state.general;
}

async function showEntry(id) {
  const panel = document.getElementById("panel");
  panel.dataset.entry = id;
  panel.textContent = "Loading…";
  const { ok, body } = await entry(id);
  panel.textContent = "";
  if (!ok) {
    const p = document.createElement("p");
    p.className = "error";
    p.textContent = body.detail || "not found";
    panel.appendChild(p);
    return;
  }
  const h = document.createElement("h2");
  h.textContent = body.name;
  const type = document.createElement("div");
  type.className = "type";
  type.textContent = `${body.type} · ${body.id}`;
  panel.append(h, type);
  const held = systemHolds(byId.get(id));
  if (held) panel.appendChild(held);
  const sources = (body.properties && body.properties.sources) || [];
  if (sources.length) {
    const t = document.createElement("h3");
    t.textContent = "The policy says";
    panel.appendChild(t);
  }
  for (const s of sources) panel.appendChild(quote(s));
  const rels = document.createElement("ul");
  for (const r of body.relationships || []) {
    const li = document.createElement("li");
    const arrow = r.direction === "out" ? "→" : "←";
    li.textContent = `${r.type} ${arrow} ${r.other.name}${r.inferred ? " (datamap's reading)" : ""}`;
    li.dataset.other = r.other.id;
    li.style.cursor = "pointer";
    li.addEventListener("click", () => writeState({ focus: r.other.id }));
    if (r.sources && r.sources.length) li.title = r.sources.map((s) => `“${s.quote}”`).join("\n");
    rels.appendChild(li);
  }
  if (rels.children.length) {
    const t = document.createElement("h3");
    t.textContent = "Relationships";
    panel.append(t, rels);
  }
}

const PLURAL = { customer: "customers", patient: "patients", employee: "employees", user: "users", contact: "contacts" };

function systemWords(n) {
  // A system's fields: whom they are about and what in them is a special category (a scan's
  // reading or a declaration, not the policy's words). Null for anything else.
  if (!n || n.lane !== "system" || !((n.subjects || []).length || (n.review || []).length)) return null;
  const known = n.subjects.filter((c) => c.subject);
  const unknown = n.subjects.filter((c) => !c.subject).reduce((a, c) => a + c.fields, 0);
  const parts = known.map((c, i) => `${PLURAL[c.subject] || c.subject} (${c.fields}${i ? "" : c.fields === 1 ? " field" : " fields"})`);
  if (unknown) parts.push(known.length ? `not known (${unknown})` : `not known (${unknown} ${unknown === 1 ? "field" : "fields"})`);
  const words = {};
  if (parts.length) words.about = `Holds data about: ${parts.join(", ")}`;
  if ((n.special || []).length) words.special = `Special categories: ${n.special.join("; ")}`;
  // decided fields its last scan found gone or no longer matching: for a person to look again
  if ((n.review || []).length) words.review = `To review again: ${n.review.join("; ")}`;
  return words;
}

function systemHolds(n) {
  const words = systemWords(n);
  if (!words) return null;
  const div = document.createElement("div");
  div.className = "holds";
  for (const [cls, text] of Object.entries(words)) {
    const p = document.createElement("p");
    p.className = cls;
    p.textContent = text;
    div.appendChild(p);
  }
  return div;
}

function quote(s) {
  const q = document.createElement("blockquote");
  q.textContent = `“${s.quote}”`;
  const c = document.createElement("cite");
  c.textContent = s.section;
  q.appendChild(c);
  return q;
}

async function search(text) {
  const { ok, body } = EMBEDDED ? findLocally(text) : await getJSON(`/entries/${encodeURIComponent(text)}`);
  if (ok) {
    writeState({ focus: body.id });
    return;
  }
  const panel = document.getElementById("panel");
  panel.dataset.entry = "";
  panel.textContent = "";
  const p = document.createElement("p");
  p.className = "error";
  p.textContent = body.detail || "not found";
  panel.appendChild(p);
}

function legend() {
  const items = [
    ["#999", "solid", "collected, used or disclosed"],
    ["#bbb", "dashed", "only a general statement"],
    ["#999", "dotted", "datamap's reading"],
    ["#c62828", "solid", "sold (CCPA)"],
    ["#8e24aa", "solid", "shared for cross-context advertising"],
    ["#00838f", "solid", "cross-border transfer"],
    ["#37474f", "dashed", "held in or sent by a system (scan or declaration, not policy)"],
  ];
  const f = document.getElementById("legend");
  for (const [color, style, label] of items) {
    const span = document.createElement("span");
    const i = document.createElement("i");
    i.style.borderTop = `2px ${style} ${color}`;
    span.append(i, label);
    f.appendChild(span);
  }
}

async function main() {
  if (EMBEDDED) {
    data = EMBEDDED.map;
  } else {
    const { ok, status, body } = await loadMap();
    if (!ok) {
      document.getElementById("canvas").textContent = `The map could not be loaded (${status}).`;
      return;
    }
    data = body;
  }
  data.nodes.forEach((n) => byId.set(n.id, n));
  document.getElementById("policy").textContent = `${data.title}, last updated ${data.last_updated}`;
  for (const [lane, select] of [["category", "f-category"], ["recipient", "f-recipient"]]) {
    const s = document.getElementById(select);
    for (const n of data.nodes.filter((x) => x.lane === lane)) {
      const o = document.createElement("option");
      o.value = n.id;
      o.textContent = n.name;
      s.appendChild(o);
    }
  }
  const regimes = document.getElementById("f-regime");
  for (const r of data.regimes || []) {
    const o = document.createElement("option");
    o.value = r.id;
    o.textContent = r.name;
    regimes.appendChild(o);
  }
  regimes.addEventListener("change", (e) => writeState({ regime: e.target.value }));
  document.getElementById("f-category").addEventListener("change", (e) => writeState({ category: e.target.value }));
  document.getElementById("f-recipient").addEventListener("change", (e) => writeState({ recipient: e.target.value }));
  document.getElementById("f-sold").addEventListener("change", (e) => writeState({ sold: e.target.checked }));
  document.getElementById("f-general").addEventListener("change", (e) => writeState({ general: e.target.checked }));
  document.getElementById("reset").addEventListener("click", () => { location.hash = ""; });
  document.getElementById("search").addEventListener("submit", (e) => { e.preventDefault(); search(document.getElementById("q").value); });
  window.addEventListener("hashchange", render);
  legend();
  render();
  document.body.dataset.ready = "1";
}

main();
