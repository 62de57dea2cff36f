// dateline web page: plain JS, no build step, no external assets.
// Routes live in the URL hash: #/ (timeline), #/event/ID, #/actor/ID, #/article/ID,
// #/documents, #/search?q=WORDS.
"use strict";

const main = document.getElementById("main");
const SVG_NS = "http://www.w3.org/2000/svg";
const TYPES = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
  "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"];
const STATUSES = ["occurred", "planned", "expected", "hypothetical", "denied"];

function esc(s) {
  return String(s == null ? "" : s).replace(/[&<>"']/g, c =>
    ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}

async function api(path) {
  const res = await fetch(path, { headers: { Accept: "application/json" } });
  const body = await res.json().catch(() => null);
  if (!res.ok) {
    const msg = body && body.error ? body.error.message : res.statusText;
    throw new Error(msg);
  }
  return body;
}

function parseHash() {
  const h = location.hash.replace(/^#/, "") || "/";
  const [path, qs] = h.split("?");
  return { parts: path.split("/").filter(Boolean).map(decodeURIComponent), params: new URLSearchParams(qs || "") };
}

function badge(text, cls) {
  return `<span class="badge ${cls || ""}">${esc(text)}</span>`;
}

function when(e) {
  if (e.date_start && e.date_end) {
    return e.date_start === e.date_end ? e.date_start : `${e.date_start} – ${e.date_end}`;
  }
  return e.first_reported ? `reported ${e.first_reported}` : "date unknown";
}

function actorLinks(actors) {
  return actors.map(a => `<a href="#/actor/${a.id}" title="${esc(a.role)}">${esc(a.name)}</a>`).join(", ");
}

function eventItem(e) {
  const names = e.actors.map(a => a.name).join("|");
  return `<li class="event ${esc(e.status)}" data-type="${esc(e.type)}" data-status="${esc(e.status)}" data-actors="${esc(names)}">
    <div class="card">
      <div class="when">${esc(when(e))}${e.time ? ` · <code>${esc(e.time)}</code>` : ""}</div>
      <div>${badge(e.type)}${badge(e.status, "status-" + e.status)}
        <a class="label" href="#/event/${e.id}">${esc(e.label)}</a></div>
      <div class="muted">${e.actors.length ? "Actors: " + actorLinks(e.actors) + " · " : ""}${e.sources} report${e.sources === 1 ? "" : "s"} in ${e.documents} article${e.documents === 1 ? "" : "s"}${e.first_reported ? " · first reported " + esc(e.first_reported) : ""}</div>
    </div></li>`;
}

function options(values, selected, blank) {
  return `<option value="">${esc(blank)}</option>` +
    values.map(v => `<option value="${esc(v)}"${v === selected ? " selected" : ""}>${esc(v)}</option>`).join("");
}

async function timelinePage(params) {
  const f = k => params.get(k) || "";
  main.innerHTML = `<h1>Timeline of events</h1>
    <form class="filters" id="filters">
      <label>Actor<input name="actor" value="${esc(f("actor"))}" placeholder="name or code"></label>
      <label>Type<select name="type">${options(TYPES, f("type"), "any type")}</select></label>
      <label>Status<select name="status">${options(STATUSES, f("status"), "any status")}</select></label>
      <label>From<input name="from" type="date" value="${esc(f("from"))}"></label>
      <label>To<input name="to" type="date" value="${esc(f("to"))}"></label>
      <button type="submit">Filter</button>
    </form>
    <div id="events"><p class="muted">Loading events…</p></div>`;
  document.getElementById("filters").addEventListener("submit", ev => {
    ev.preventDefault();
    const q = new URLSearchParams();
    for (const [k, v] of new FormData(ev.target)) if (v) q.set(k, v);
    location.hash = "#/?" + q.toString();
  });
  const q = new URLSearchParams();
  for (const k of ["actor", "type", "status", "from", "to", "text"]) if (f(k)) q.set(k, f(k));
  q.set("limit", "500");
  const events = await api("/api/events?" + q.toString());
  const box = document.getElementById("events");
  if (!events.length) {
    box.innerHTML = `<p class="muted">No events${q.toString().length > 9 ? " match these filters" : " yet: ingest articles with <code>dateline ingest</code>"}.</p>`;
    return;
  }
  box.innerHTML = `<p class="muted">${events.length} event${events.length === 1 ? "" : "s"}</p><ol class="timeline">${events.map(eventItem).join("")}</ol>`;
}

async function eventPage(id) {
  const e = await api("/api/events/" + encodeURIComponent(id));
  const history = e.history.map(h => `${badge(h.status, "status-" + h.status)} since ${esc(h.since || "?")} (<a href="#/article/${encodeURIComponent(h.document)}">source</a>)`).join(" → ");
  const reports = e.reports.map(r => {
    const chars = Array.from(r.sentence);
    const sentence = esc(r.sentence).replace(esc(r.trigger.text), m => `<span class="hl-trigger">${m}</span>`);
    return `<div class="card">
      <div><a href="#/article/${encodeURIComponent(r.document)}?focus=${encodeURIComponent(r.event)}">${esc(r.title || r.document)}</a>
        <span class="muted">${esc(r.published || "")}</span> ${badge(r.status, "status-" + r.status)}</div>
      <p>${chars.length ? sentence : ""}</p>
      <div class="muted">trigger “${esc(r.trigger.text)}”${r.time_text ? ` · time “${esc(r.time_text)}” = <code>${esc(r.time_value)}</code>` : ""}${r.place ? " · place " + esc(r.place) : ""}</div>
      ${r.quotes.map(q => `<blockquote>${esc(q.text)}<br><span class="muted">— ${esc(q.speaker ? q.speaker.name : q.speaker_text || "unattributed")}</span></blockquote>`).join("")}
    </div>`;
  }).join("");
  main.innerHTML = `<h1>${esc(e.label)}</h1>
    <p>${badge(e.type)}${badge(e.status, "status-" + e.status)} ${esc(when(e))}${e.time ? ` · <code>${esc(e.time)}</code>` : ""}</p>
    <p>Actors: ${actorLinks(e.actors) || "<span class=muted>none</span>"}</p>
    <p>First reported ${esc(e.first_reported || "?")}; status history: ${history}</p>
    <h2>${e.reports.length} report${e.reports.length === 1 ? "" : "s"}</h2>${reports}`;
}

const EDGE_COLOURS = { CONSULT: "#1f5eff", ACCUSE: "#dc2626", SANCTION: "#9333ea", THREATEN: "#ea580c",
  ASSAULT: "#991b1b", AGREE: "#16a34a", COOPERATE: "#0d9488", SUPPORT: "#65a30d", AID: "#0891b2" };

function networkSvg(centre, edges) {
  // Group edges by the other entity; one node per partner around the centre.
  const partners = [];
  const byId = new Map();
  for (const e of edges) {
    if (!byId.has(e.other.id)) {
      byId.set(e.other.id, { entity: e.other, links: [] });
      partners.push(byId.get(e.other.id));
    }
    byId.get(e.other.id).links.push(e);
  }
  const shown = partners.slice(0, 24);
  const W = 720, H = Math.max(360, 120 + shown.length * 14), cx = W / 2, cy = H / 2;
  const R = Math.min(cx, cy) - 60;
  const svg = document.createElementNS(SVG_NS, "svg");
  svg.setAttribute("viewBox", `0 0 ${W} ${H}`);
  svg.setAttribute("class", "network");
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", `Who ${centre} met, accused or sanctioned`);
  const defs = document.createElementNS(SVG_NS, "defs");
  defs.innerHTML = `<marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" fill="#98a2b3"/></marker>`;
  svg.appendChild(defs);
  const el = (name, attrs, text) => {
    const n = document.createElementNS(SVG_NS, name);
    for (const [k, v] of Object.entries(attrs)) n.setAttribute(k, v);
    if (text != null) n.textContent = text;
    svg.appendChild(n);
    return n;
  };
  shown.forEach((p, i) => {
    const a = (2 * Math.PI * i) / shown.length - Math.PI / 2;
    const x = cx + R * Math.cos(a), y = cy + R * Math.sin(a);
    p.links.forEach((l, k) => {
      const colour = EDGE_COLOURS[l.type] || "#98a2b3";
      const off = (k - (p.links.length - 1) / 2) * 8;
      const [x1, y1, x2, y2] = l.direction === "in" ? [x, y + off, cx, cy + off] : [cx, cy + off, x, y + off];
      const line = el("line", { x1, y1, x2, y2, stroke: colour, "stroke-width": 1 + Math.min(4, l.events) });
      if (l.direction !== "with") line.setAttribute("marker-end", "url(#arrow)");
      el("text", { x: (cx + x) / 2, y: (cy + y) / 2 + off - 3, "text-anchor": "middle", class: "edge-label" },
        `${l.type}${l.events > 1 ? " ×" + l.events : ""}`);
    });
    const link = document.createElementNS(SVG_NS, "a");
    link.setAttribute("href", `#/actor/${p.entity.id}`);
    svg.appendChild(link);
    const c = document.createElementNS(SVG_NS, "circle");
    Object.entries({ cx: x, cy: y, r: 7, fill: "#fff", stroke: "#475467" }).forEach(([k, v]) => c.setAttribute(k, v));
    link.appendChild(c);
    const t = document.createElementNS(SVG_NS, "text");
    Object.entries({ x, y: y + (y < cy ? -12 : 20), "text-anchor": "middle" }).forEach(([k, v]) => t.setAttribute(k, v));
    t.textContent = p.entity.name;
    link.appendChild(t);
  });
  el("circle", { cx, cy, r: 11, fill: "#1f5eff" });
  el("text", { x: cx, y: cy + 28, "text-anchor": "middle", "font-weight": "700" }, centre);
  return svg;
}

async function actorPage(id) {
  const a = await api("/api/entities/" + encodeURIComponent(id));
  const codes = Object.entries(a.codes || {}).map(([k, v]) => `${esc(k)} <code>${esc(v)}</code>`).join(", ");
  const roles = a.roles.length
    ? `<table><tr><th>Role</th><th>Of</th><th>First seen</th><th>Last seen</th><th>Articles</th></tr>${a.roles.map(r =>
      `<tr><td>${esc(r.title)}</td><td>${esc(r.of || "")}</td><td>${esc(r.first_seen || "?")}</td><td>${esc(r.last_seen || "?")}</td><td>${r.documents}</td></tr>`).join("")}</table>`
    : `<p class="muted">No roles stated.</p>`;
  const aliases = a.aliases.map(x => `${esc(x.alias)} <span class="muted">(${x.documents})</span>`).join(", ");
  const quotes = a.quotes.length ? a.quotes.map(q => `<blockquote class="quote" data-quote="${q.id}">${esc(q.text)}
      <br><span class="muted">${esc(q.cue || "")} · <a href="#/article/${encodeURIComponent(q.document)}?focus=${encodeURIComponent(q.quote)}">${esc(q.title || q.document)}</a> ${esc(q.published || "")}</span></blockquote>`).join("")
    : `<p class="muted">No quotes attributed.</p>`;
  main.innerHTML = `<h1>${esc(a.name)} ${badge(a.type)}</h1>
    <p class="muted">In ${a.document_count} article${a.document_count === 1 ? "" : "s"}${a.first_seen ? `, ${esc(a.first_seen)} – ${esc(a.last_seen)}` : ""} · ${a.event_count} event${a.event_count === 1 ? "" : "s"} · ${a.quote_count} quote${a.quote_count === 1 ? "" : "s"}${codes ? " · " + codes : ""}</p>
    <p>Also called: ${aliases || "<span class=muted>—</span>"}</p>
    <h2>Roles</h2>${roles}
    <h2>Network</h2><div id="network"></div>
    <h2>Quotes</h2>${quotes}
    <h2>Events</h2>${a.events.length ? `<ol class="timeline">${a.events.map(eventItem).join("")}</ol>` : `<p class="muted">No events.</p>`}`;
  const box = document.getElementById("network");
  if (a.network.length) box.appendChild(networkSvg(a.name, a.network));
  else box.innerHTML = `<p class="muted">No one linked by an event yet.</p>`;
}

// Splits the text at every span boundary; each piece carries the facts covering it.
// Offsets are Unicode code points (the document contract), so the text is indexed as an
// array of code points, never as UTF-16 units.
function highlightText(chars, spans) {
  const cuts = new Set([0, chars.length]);
  for (const s of spans) {
    s.start = Math.max(0, Math.min(chars.length, s.start));
    s.end = Math.max(s.start, Math.min(chars.length, s.end));
    cuts.add(s.start); cuts.add(s.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  let html = "";
  for (let i = 0; i + 1 < points.length; i++) {
    const [lo, hi] = [points[i], points[i + 1]];
    const piece = esc(chars.slice(lo, hi).join(""));
    const over = spans.filter(s => s.start <= lo && hi <= s.end && s.end > s.start);
    if (!over.length) { html += piece; continue; }
    const classes = [...new Set(over.map(s => s.cls))].join(" ");
    const ids = over.map(s => s.id).join(" ");
    html += `<span class="${classes}" data-ids="${esc(ids)}">${piece}</span>`;
  }
  return html;
}

async function articlePage(id, params) {
  const d = await api("/api/documents/" + encodeURIComponent(id));
  const doc = d.document;
  const chars = Array.from(doc.text);
  const spans = [];
  const names = {};
  for (const e of doc.entities) {
    names[e.id] = e.name;
    for (const m of e.mentions) spans.push({ start: m.start, end: m.end, cls: "hl-" + e.type, id: e.id });
  }
  for (const t of doc.times) spans.push({ start: t.start, end: t.end, cls: "hl-time", id: t.id });
  for (const q of doc.quotes) spans.push({ start: q.start, end: q.end, cls: "hl-quote", id: q.id });
  for (const v of doc.events) {
    spans.push({ start: v.trigger.start, end: v.trigger.end, cls: "hl-trigger", id: v.id });
    for (const t of v.other_triggers || []) spans.push({ start: t.start, end: t.end, cls: "hl-trigger", id: v.id });
  }
  const slice = (s, e) => chars.slice(s, e).join("");
  const fact = (id, html) => `<li data-fact="${esc(id)}">${html}</li>`;
  const entityLink = eid => d.entity_links[eid] != null
    ? `<a href="#/actor/${d.entity_links[eid]}">${esc(names[eid] || eid)}</a>` : esc(names[eid] || eid || "?");
  const eventsHtml = doc.events.map(v => fact(v.id, `${badge(v.type)}${badge(v.status, "status-" + v.status)}
      “${esc(slice(v.trigger.start, v.trigger.end))}” ${v.actors.map(a => `${entityLink(a.entity)} <span class="muted">(${esc(a.role)})</span>`).join(", ")}
      ${v.time ? `<span class="muted">· ${esc((doc.times.find(t => t.id === v.time) || {}).value || v.time)}</span>` : ""}
      ${d.event_links[v.id] != null ? ` · <a href="#/event/${d.event_links[v.id]}">corpus event</a>` : ""}`)).join("");
  const entitiesHtml = doc.entities.map(e => fact(e.id, `<span class="swatch hl-${esc(e.type)}"></span>${entityLink(e.id)}
      <span class="muted">${esc(e.type)} · ${e.mentions.length} mention${e.mentions.length === 1 ? "" : "s"}${e.roles.length ? " · " + e.roles.map(r => esc(r.title)).join(", ") : ""}</span>`)).join("");
  const timesHtml = doc.times.map(t => fact(t.id, `<span class="swatch hl-time"></span>“${esc(slice(t.start, t.end))}” → <code>${esc(t.value)}</code>${t.mod ? " " + esc(t.mod) : ""}`)).join("");
  const quotesHtml = doc.quotes.map(q => fact(q.id, `<span class="swatch hl-quote"></span>${q.speaker ? entityLink(q.speaker) : esc(q.speaker_text || "unattributed")}: “${esc(slice(q.start, q.end).slice(0, 120))}${q.end - q.start > 120 ? "…" : ""}”`)).join("");
  const section = (title, html) => html ? `<h3>${title}</h3><ul>${html}</ul>` : "";
  main.innerHTML = `<h1>${esc(doc.title || doc.id)}</h1>
    <p class="muted">${esc(doc.published || "date unknown")} · ${esc(doc.source.url || doc.source.path || "")}</p>
    <p class="legend"><span><span class="swatch hl-PERSON"></span>person</span><span><span class="swatch hl-ORG"></span>organisation</span>
      <span><span class="swatch hl-GPE"></span>place</span><span><span class="swatch hl-time"></span>time</span>
      <span><span class="swatch hl-quote"></span>quote</span><span class="hl-trigger">event</span></p>
    <div class="grid">
      <div class="card article-text" id="article-text">${highlightText(chars, spans)}</div>
      <aside class="facts card" id="facts">
        ${section("Events", eventsHtml)}${section("Entities", entitiesHtml)}${section("Times", timesHtml)}${section("Quotes", quotesHtml)}
        ${doc.warnings && doc.warnings.length ? `<h3>Warnings</h3><ul>${doc.warnings.map(w => `<li>${esc(w)}</li>`).join("")}</ul>` : ""}
      </aside>
    </div>`;
  const text = document.getElementById("article-text");
  const focus = (id, scroll) => {
    text.querySelectorAll(".focus").forEach(n => n.classList.remove("focus"));
    document.querySelectorAll("#facts li.active").forEach(n => n.classList.remove("active"));
    if (!id) return;
    const pieces = [...text.querySelectorAll("span[data-ids]")].filter(n => n.dataset.ids.split(" ").includes(id));
    pieces.forEach(n => n.classList.add("focus"));
    document.querySelectorAll(`#facts li[data-fact="${CSS.escape(id)}"]`).forEach(n => n.classList.add("active"));
    if (scroll && pieces.length) pieces[0].scrollIntoView({ block: "center", behavior: "smooth" });
  };
  document.getElementById("facts").addEventListener("click", ev => {
    const li = ev.target.closest("li[data-fact]");
    if (li && !ev.target.closest("a")) focus(li.dataset.fact, true);
  });
  document.getElementById("facts").addEventListener("mouseover", ev => {
    const li = ev.target.closest("li[data-fact]");
    if (li) focus(li.dataset.fact, false);
  });
  text.addEventListener("click", ev => {
    const span = ev.target.closest("span[data-ids]");
    if (!span) return;
    const ids = span.dataset.ids.split(" ");
    // The innermost fact: events before times before entities before quotes.
    const order = id => ({ V: 0, T: 1, E: 2, Q: 3 })[id[0]] ?? 4;
    ids.sort((a, b) => order(a) - order(b));
    focus(ids[0], false);
    const li = document.querySelector(`#facts li[data-fact="${CSS.escape(ids[0])}"]`);
    if (li) li.scrollIntoView({ block: "nearest" });
  });
  if (params.get("focus")) focus(params.get("focus"), true);
}

async function documentsPage() {
  const docs = await api("/api/documents?limit=500");
  main.innerHTML = `<h1>Articles</h1>${docs.length ? `<table><tr><th>Published</th><th>Title</th><th>Entities</th><th>Events</th><th>Quotes</th></tr>${docs.map(d =>
    `<tr><td>${esc(d.published || "")}</td><td><a href="#/article/${encodeURIComponent(d.id)}">${esc(d.title || d.id)}</a></td><td>${d.entities}</td><td>${d.events}</td><td>${d.quotes}</td></tr>`).join("")}</table>`
    : `<p class="muted">No articles yet: ingest some with <code>dateline ingest FILE --db PATH</code>.</p>`}`;
}

function snippet(s) {
  return esc(s || "").replace(/\u0002/g, "<mark>").replace(/\u0003/g, "</mark>");
}

async function searchPage(params) {
  const q = params.get("q") || "";
  document.getElementById("search-q").value = q;
  if (!q.trim()) { main.innerHTML = `<p class="muted">Type words to search for.</p>`; return; }
  const r = await api("/api/search?q=" + encodeURIComponent(q));
  const none = `<p class="muted">Nothing.</p>`;
  main.innerHTML = `<h1>Search: ${esc(q)}</h1>
    <h2>People, organisations and places</h2>${r.entities.length ? `<ul>${r.entities.map(e => `<li><a href="#/actor/${e.id}">${esc(e.name)}</a> ${badge(e.type)} <span class="muted">${e.document_count} articles, ${e.event_count} events, ${e.quote_count} quotes</span></li>`).join("")}</ul>` : none}
    <h2>Events</h2>${r.events.length ? `<ol class="timeline">${r.events.map(eventItem).join("")}</ol>` : none}
    <h2>Quotes</h2>${r.quotes.length ? r.quotes.map(x => `<blockquote>${esc(x.text)}<br><span class="muted">— ${x.speaker ? `<a href="#/actor/${x.speaker.id}">${esc(x.speaker.name)}</a>` : esc(x.speaker_text || "unattributed")}, <a href="#/article/${encodeURIComponent(x.document)}?focus=${encodeURIComponent(x.quote)}">${esc(x.title || x.document)}</a></span></blockquote>`).join("") : none}
    <h2>Articles</h2>${r.documents.length ? r.documents.map(d => `<div class="card"><a href="#/article/${encodeURIComponent(d.id)}">${esc(d.title || d.id)}</a> <span class="muted">${esc(d.published || "")}</span><p>${snippet(d.snippet)}</p></div>`).join("") : none}`;
}

async function route() {
  const { parts, params } = parseHash();
  try {
    if (!parts.length || parts[0] === "timeline") await timelinePage(params);
    else if (parts[0] === "event" && parts[1]) await eventPage(parts[1]);
    else if (parts[0] === "actor" && parts[1]) await actorPage(parts[1]);
    else if (parts[0] === "article" && parts[1]) await articlePage(parts[1], params);
    else if (parts[0] === "documents") await documentsPage();
    else if (parts[0] === "search") await searchPage(params);
    else main.innerHTML = `<p class="error">No such page. <a href="#/">Back to the timeline</a>.</p>`;
  } catch (err) {
    main.innerHTML = `<p class="error">${esc(err.message)}</p>`;
  }
  main.dataset.ready = "1";
  window.scrollTo(0, 0);
}

document.getElementById("search").addEventListener("submit", ev => {
  ev.preventDefault();
  location.hash = "#/search?q=" + encodeURIComponent(document.getElementById("search-q").value);
});
window.addEventListener("hashchange", () => { delete main.dataset.ready; route(); });
api("/api/stats").then(s => {
  document.getElementById("stats").textContent =
    `${s.documents} articles · ${s.corpus_entities} entities · ${s.corpus_events} events (${s.merged_events} merged across reports) · ${s.quotes} quotes`;
}).catch(() => {});
route();
