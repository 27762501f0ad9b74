/* claimx report: renders an event's comparison and articles from its embedded JSON when it is
   opened, the details of a clicked claim, and the filters. No framework, no network.
   Texts arrive already cut into pieces (nodes) by Python: nothing here slices a string. */
(function () {
  "use strict";

  var KIND = { direct: "quoted", indirect: "reported", mixed: "partly quoted",
    according_to: "according to", unattributed: "the outlet's own" };
  var QUALIFIER = { at_least: "at least", over: "over", under: "under", at_most: "at most", about: "about" };
  var BASIS = { explicit: "stated in the text", relative: "relative date, resolved against publication",
    published: "the publication date" };
  var ROW = { conflict: "Conflict", attribution: "Attributed differently", shared: "Shared" };

  var index = JSON.parse(document.getElementById("claimx-index").textContent);
  var eventMeta = {};
  index.events.forEach(function (e) { eventMeta[e.id] = e; });
  var views = {};
  var filter = { speakers: null, outlet: -1, acts: index.acts.map(function () { return true; }) };
  var selected = null;

  function view(id) {
    if (!views[id]) { views[id] = JSON.parse(document.getElementById("data-" + id).textContent); }
    return views[id];
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }

  function add(parent, child) { parent.appendChild(child); return child; }

  function number(x) {
    return typeof x === "number" ? x.toLocaleString("en-US", { maximumFractionDigits: 2 }) : String(x);
  }

  function fold(s) {
    return String(s).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function kindLabel(c) { return KIND[c.kind] + (c.act ? " · " + c.act : ""); }

  /* nodes: string | [mark, ...children]; a mark is an index in `marks` (article text) or the
     classes themselves (a claim's words) */
  function build(parent, list, marks, v) {
    for (var i = 0; i < list.length; i++) {
      var n = list[i];
      if (typeof n === "string") { parent.appendChild(document.createTextNode(n)); continue; }
      var span = document.createElement("span");
      if (typeof n[0] === "number") {
        var m = marks[n[0]];
        span.className = m[0];
        span.dataset.c = m[1].join(" ");
        if (m[0].charAt(0) === "c" && m[0].charAt(1) === " ") {
          span.dataset.claim = m[1].map(function (k) { return v.claims[k].id; }).join(" ");
        }
      } else {
        span.className = n[0];
      }
      build(span, n.slice(1), marks, v);
      parent.appendChild(span);
    }
  }

  function speakerChip(c) {
    var chip = el("span", "sp t-" + c.speaker.type, c.speaker.name);
    chip.title = c.speaker.type + (c.speaker.title ? " · " + c.speaker.title : "");
    return chip;
  }

  function card(v, i, extra) {
    var c = v.claims[i];
    var box = el("div", "card k-" + c.kind + (extra ? " " + extra : ""));
    box.dataset.i = i;
    box.dataset.claim = c.id;
    box.tabIndex = 0;
    box.setAttribute("role", "button");
    var who = add(box, el("div", "who"));
    if (c.speaker) { add(who, speakerChip(c)); who.appendChild(document.createTextNode(" ")); }
    who.appendChild(document.createTextNode(kindLabel(c) + (c.date && c.date.value ? " · " + c.date.value : "")));
    var words = add(box, el("div", "words"));
    build(words, c.text, null, v);
    if (c.sentence && extra === "plain") { add(box, el("div", "sentence", c.sentence)); }
    if (c.related && c.related.length) {
      var rel = add(box, el("div", "rel", "Same speaker in " ));
      c.related.forEach(function (k, j) {
        if (j) { rel.appendChild(document.createTextNode(", ")); }
        var a = add(rel, el("a", null, v.sources[sourceOf(v, k)] + " #" + shortId(v.claims[k].id)));
        a.dataset.goto = k;
      });
    }
    var d = v.docs[c.doc];
    add(box, el("span", "from", (d.title || d.id)));
    return box;
  }

  function shortId(id) { var h = id.lastIndexOf("#"); return h >= 0 ? id.slice(h + 1) : id; }

  function sourceOf(v, i) { return v.sources.indexOf(v.docs[v.claims[i].doc].source); }

  function figureSide(parent, f) {
    var who = [];
    if (f.source) { who.push(f.source); }
    if (f.date) { who.push(f.date + (f.dated_by ? " (" + (f.dated_by === "published" ? "publication date" : f.dated_by) + ")" : "")); }
    var s = add(parent, el("span"));
    add(s, el("span", "fig", f.text));
    s.appendChild(document.createTextNode((f.measure ? " " + f.measure : "") + (who.length ? " — " + who.join(", ") : "") + " "));
    add(s, el("span", "range", "[" + number(f.low) + (f.high !== f.low ? "–" + number(f.high) : "") + "]"));
  }

  function linkWhy(v, link) {
    var box = el("div");
    var parts = [];
    if (link.similarity !== undefined && link.similarity !== null) { parts.push("wording " + Math.round(link.similarity * 100) + "% alike"); }
    if (link.speaker) { parts.push("same speaker: " + link.speaker); }
    if (link.changes && link.changes.length) {
      parts.push("changed: " + link.changes.map(function (ch) {
        var a = v.claims[link.a], b = v.claims[link.b];
        if (ch === "speaker") { return "speaker (" + (a.speaker ? a.speaker.name : "the outlet") + " → " + (b.speaker ? b.speaker.name : "the outlet") + ")"; }
        return "quoted/reported (" + KIND[a.kind] + " → " + KIND[b.kind] + ")";
      }).join("; "));
    }
    box.appendChild(document.createTextNode(v.sources[sourceOf(v, link.a)] + " ↔ " + v.sources[sourceOf(v, link.b)] +
      (parts.length ? ": " + parts.join(" · ") : "")));
    (link.figures || []).forEach(function (f) {
      var g = add(box, el("div", "cmpfig"));
      add(g, el("span", "mark " + (f.agree ? "ok" : "bad"), f.agree ? "=" : "≠"));
      var sides = add(g, el("span"));
      figureSide(sides, f.a);
      sides.appendChild(document.createTextNode(f.agree ? "  agrees with  " : "  vs  "));
      figureSide(sides, f.b);
      if (f.days !== undefined && f.days !== null) {
        sides.appendChild(document.createTextNode(" · " + Math.abs(f.days) + " day" + (Math.abs(f.days) === 1 ? "" : "s") + " apart"));
      }
    });
    return box;
  }

  function columnsTable(v, cls, labelled) {
    var wrap = el("div", "scroll");
    var table = add(wrap, el("table", "cmp " + cls));
    var head = add(add(table, el("thead")), el("tr"));
    if (labelled) { add(head, el("th", "label")); }
    v.sources.forEach(function (s) { add(head, el("th", null, s)); });
    return { wrap: wrap, table: table, body: labelled ? null : add(table, el("tbody")) };
  }

  function renderEvent(details) {
    var body = details.querySelector(".event-body");
    if (body.dataset.done) { return; }
    body.dataset.done = "1";
    var v = view(details.dataset.event);
    if (v.rows.length) {
      add(body, el("h3", null, "Compared across outlets"));
      var t = columnsTable(v, "rows", true);
      v.rows.forEach(function (row, r) {
        var group = add(t.table, el("tbody", "grp r-" + row.kind));
        group.dataset.row = r;
        var tr = add(group, el("tr"));
        add(tr, el("td", "label", ROW[row.kind]));
        row.cells.forEach(function (cell) {
          var td = add(tr, el("td"));
          cell.forEach(function (i) { add(td, card(v, i, "in-cmp")); });
        });
        var why = add(add(group, el("tr", "why")), el("td"));
        why.colSpan = v.sources.length + 1;
        row.links.forEach(function (link) { add(why, linkWhy(v, link)); });
      });
      add(body, t.wrap);
    }
    var only = v.only.some(function (x) { return x.length; });
    if (only) {
      add(body, el("h3", null, v.sources.length > 1 ? "Reported by one outlet only" : "Reported by " + v.sources[0] + " alone"));
      var o = columnsTable(v, "only-list");
      var tr = add(o.body, el("tr", "lst"));
      v.only.forEach(function (cell) {
        var td = add(tr, el("td"));
        cell.forEach(function (i) { add(td, card(v, i, "in-cmp")); });
      });
      add(body, o.wrap);
    }
    var other = v.other.reduce(function (n, x) { return n + x.length; }, 0);
    if (other) {
      var det = add(body, el("details", "other"));
      add(det, el("summary", null, other + " claim" + (other === 1 ? "" : "s") + " of acts not compared across outlets (claimx report --act chooses which)"));
      var ot = columnsTable(v, "only-list");
      var otr = add(ot.body, el("tr", "lst"));
      v.other.forEach(function (cell) {
        var td = add(otr, el("td"));
        cell.forEach(function (i) { add(td, card(v, i, "in-cmp")); });
      });
      add(det, ot.wrap);
    }
    add(body, el("h3", null, v.docs.length === 1 ? "The article" : "The articles"));
    v.docs.forEach(function (d, k) {
      var art = add(body, el("details", "art"));
      art.dataset.doc = k;
      var sum = add(art, el("summary"));
      add(sum, el("span", "src", d.source));
      sum.appendChild(document.createTextNode(" "));
      if (d.published) { add(sum, el("span", "date", d.published.slice(0, 10))); sum.appendChild(document.createTextNode(" ")); }
      sum.appendChild(document.createTextNode(d.title || d.id));
      add(sum, el("span", "count", " · " + d.claims.length + " claim" + (d.claims.length === 1 ? "" : "s")));
      if (d.undated) { add(sum, el("span", "flag", "undated: joined by content alone")).title = "No publication date: grouped with this event by what it is about"; }
      if (d.text_from === "none") { add(sum, el("span", "flag", "no text")); }
      add(art, el("div", "art-body"));
    });
    applyFilters(details);
  }

  function renderDoc(art) {
    var body = art.querySelector(".art-body");
    if (body.dataset.done) { return; }
    body.dataset.done = "1";
    var v = view(art.closest(".event").dataset.event);
    var d = v.docs[Number(art.dataset.doc)];
    var note = add(body, el("p", "note " + d.text_from, d.note));
    var where = [d.id];
    if (d.author) { where.push("by " + d.author); }
    if (d.url) { where.push(d.url); }
    note.appendChild(document.createTextNode(" · " + where.join(" · ")));
    if (d.body) {
      build(add(body, el("div", "text")), d.body, d.marks, v);
    } else {
      d.claims.forEach(function (i) { add(body, card(v, i, "plain")); });
    }
    applyFilters(art.closest(".event"));
  }

  /* --- selection and the details panel --- */

  function eventOf(node) { var e = node.closest(".event"); return e ? e : null; }

  function piecesOf(ev, i) {
    return ev.querySelectorAll('[data-c~="' + i + '"], .card[data-i="' + i + '"]');
  }

  function select(ev, i) {
    document.querySelectorAll(".sel").forEach(function (n) { n.classList.remove("sel"); });
    selected = { ev: ev, i: i };
    piecesOf(ev, i).forEach(function (n) { n.classList.add("sel"); });
    document.body.classList.add("has-sel");
    panel(ev, view(ev.dataset.event), i);
  }

  function dl(parent, rows) {
    var list = add(parent, el("dl"));
    rows.forEach(function (r) {
      if (r[1] === null || r[1] === undefined || r[1] === "") { return; }
      add(list, el("dt", null, r[0]));
      var dd = add(list, el("dd"));
      if (r[1] instanceof Node) { dd.appendChild(r[1]); } else { dd.textContent = String(r[1]); }
    });
    return list;
  }

  function claimLink(v, k, text) {
    var a = el("a", null, text || (v.sources[sourceOf(v, k)] + " #" + shortId(v.claims[k].id)));
    a.dataset.goto = k;
    return a;
  }

  function panel(ev, v, i) {
    var c = v.claims[i];
    var d = v.docs[c.doc];
    var box = document.getElementById("panel-body");
    box.textContent = "";
    add(box, el("h2", null, KIND[c.kind] + (c.act ? " · " + c.act : "")));
    add(box, el("div", "quote", c.text.map(flat).join("")));
    var sp = null;
    if (c.speaker) {
      sp = el("span");
      add(sp, el("span", "sp t-" + c.speaker.type, c.speaker.name));
      var more = [c.speaker.type];
      if (c.speaker.title) { more.push(c.speaker.title); }
      if (c.speaker.text !== c.speaker.name) { more.push("written “" + c.speaker.text + "”"); }
      if (c.speaker.key && c.speaker.key !== c.speaker.name) { more.push("known across articles as " + c.speaker.key); }
      sp.appendChild(document.createTextNode(" — " + more.join("; ")));
    }
    var date = null;
    if (c.date) {
      date = (c.date.value || "unknown") + (c.date.text ? " (“" + c.date.text + "”)" : "") + " — " + (BASIS[c.date.basis] || c.date.basis);
    }
    var within = null;
    if (c.within) {
      var k = -1;
      v.claims.forEach(function (x, j) { if (x.id === c.within) { k = j; } });
      within = k >= 0 ? claimLink(v, k, "inside claim #" + shortId(c.within)) : c.within;
    }
    dl(box, [
      ["Speaker", sp || "none: the outlet's own statement"],
      ["Cue", c.cue ? c.cue.text + (c.cue.lemma !== c.cue.text ? " (" + c.cue.lemma + ")" : "") : null],
      ["Date", date || "unknown"],
      ["Within", within],
      ["Outlet", d.source],
      ["Article", (d.title || d.id) + (d.published ? " · " + d.published.slice(0, 10) : "")],
      ["Claim id", c.id]
    ]);
    if (c.figures && c.figures.length) {
      add(box, el("h2", null, "Figures"));
      var t = add(box, el("table"));
      var h = add(t, el("tr"));
      ["as written", "value", "subject", "kind"].forEach(function (x) { add(h, el("th", null, x)); });
      c.figures.forEach(function (f) {
        var tr = add(t, el("tr"));
        add(tr, el("td", null, f.text));
        add(tr, el("td", null, (f.qualifier ? QUALIFIER[f.qualifier] + " " : "") + number(f.value) + (f.unit ? " " + f.unit : "")));
        add(tr, el("td", null, f.subject || ""));
        add(tr, el("td", null, f.kind || ""));
      });
    }
    var compared = comparedWith(v, i);
    if (compared) { add(box, el("h2", null, "Across outlets")); add(box, compared); }
    if (c.sentence) { add(box, el("h2", null, "Sentence")); add(box, el("div", "quote", c.sentence)); }
    var actions = add(box, el("div", "actions"));
    var inText = add(actions, el("button", null, "Show in the article"));
    inText.type = "button";
    inText.addEventListener("click", function () { showInArticle(ev, i); });
    if (ev.querySelector('.card.in-cmp[data-i="' + i + '"]')) {
      var inCmp = add(actions, el("button", null, "Show in the comparison"));
      inCmp.type = "button";
      inCmp.addEventListener("click", function () { reveal(ev.querySelector('.card.in-cmp[data-i="' + i + '"]')); });
    }
  }

  function flat(n) {
    return typeof n === "string" ? n : n.slice(1).map(flat).join("");
  }

  function comparedWith(v, i) {
    for (var r = 0; r < v.rows.length; r++) {
      var row = v.rows[r];
      var mine = row.links.filter(function (l) { return l.a === i || l.b === i; });
      if (!mine.length) { continue; }
      var box = el("div");
      add(box, el("div", "badge r-" + row.kind, ROW[row.kind]));
      mine.forEach(function (l) {
        var other = l.a === i ? l.b : l.a;
        var line = add(box, el("div"));
        line.appendChild(document.createTextNode(ROW[l.kind] + " with "));
        add(line, claimLink(v, other));
        add(box, linkWhy(v, l));
      });
      return box;
    }
    var c = v.claims[i];
    if (c.related && c.related.length) {
      var rel = el("div", null, "Only this outlet reports it; the same speaker in: ");
      c.related.forEach(function (k, j) { if (j) { rel.appendChild(document.createTextNode(", ")); } add(rel, claimLink(v, k)); });
      return rel;
    }
    return null;
  }

  function openEvent(ev) { if (!ev.open) { ev.open = true; } renderEvent(ev); }

  function showInArticle(ev, i) {
    openEvent(ev);
    var v = view(ev.dataset.event);
    var art = ev.querySelector('.art[data-doc="' + v.claims[i].doc + '"]');
    art.open = true;
    renderDoc(art);
    var piece = art.querySelector('[data-c~="' + i + '"]') || art.querySelector('.card[data-i="' + i + '"]') || art;
    if (selected && selected.ev === ev && selected.i === i) {
      piecesOf(ev, i).forEach(function (n) { n.classList.add("sel"); });
    }
    reveal(piece);
  }

  function reveal(node) {
    if (!node) { return; }
    node.scrollIntoView({ block: "center" });
    node.classList.remove("flash");
    void node.offsetWidth;
    node.classList.add("flash");
  }

  /* --- filters --- */

  function matches(o, s, a) {
    if (filter.outlet >= 0 && o !== filter.outlet) { return false; }
    if (!filter.acts[a]) { return false; }
    if (filter.speakers && !filter.speakers[s]) { return false; }
    return true;
  }

  function everything() {
    return filter.outlet < 0 && !filter.speakers && filter.acts.every(Boolean);
  }

  function lonelyShown(o) {
    return !filter.speakers && filter.acts.every(Boolean) && (filter.outlet < 0 || filter.outlet === o);
  }

  function applyFilters(only) {
    var events = only ? [only] : Array.prototype.slice.call(document.querySelectorAll(".event"));
    var shown = 0;
    events.forEach(function (ev) {
      var meta = eventMeta[ev.dataset.event];
      var visible = meta.sig.some(function (t) { return matches(t[0], t[1], t[2]); }) ||
        (meta.lonely || []).some(lonelyShown);
      ev.hidden = !visible;
      if (visible) { shown++; }
      var body = ev.querySelector(".event-body");
      if (visible && body.dataset.done) { applyWithin(ev, view(ev.dataset.event)); }
    });
    if (!only) {
      var all = index.events.length;
      document.getElementById("f-status").textContent = everything() ? "" :
        shown + " of " + all + " event" + (all === 1 ? "" : "s") + " match";
    }
  }

  function applyWithin(ev, v) {
    var ok = v.claims.map(function (c) { return matches(c.o, c.s, c.a); });
    ev.querySelectorAll("tbody[data-row]").forEach(function (group) {
      var row = v.rows[Number(group.dataset.row)];
      group.hidden = !row.cells.some(function (cell) { return cell.some(function (i) { return ok[i]; }); });
    });
    ev.querySelectorAll(".card").forEach(function (card) {
      var good = ok[Number(card.dataset.i)];
      if (card.closest("tbody[data-row]")) { card.classList.toggle("dim", !good); } else { card.hidden = !good; }
    });
    ev.querySelectorAll(".art").forEach(function (art) {
      var d = v.docs[Number(art.dataset.doc)];
      art.hidden = d.claims.length ? !d.claims.some(function (i) { return ok[i]; }) : !lonelyShown(index.outlets.indexOf(d.source));
    });
    ev.querySelectorAll(".text [data-c]").forEach(function (span) {
      var good = span.dataset.c.split(" ").some(function (i) { return ok[Number(i)]; });
      span.classList.toggle("off", !good);
    });
  }

  function readFilters() {
    var q = fold(document.getElementById("f-speaker").value.trim());
    if (q) {
      filter.speakers = {};
      index.speakers.forEach(function (name, k) { if (fold(name).indexOf(q) >= 0) { filter.speakers[k] = true; } });
    } else {
      filter.speakers = null;
    }
    filter.outlet = Number(document.getElementById("f-outlet").value);
    document.querySelectorAll(".f-act").forEach(function (box) { filter.acts[Number(box.value)] = box.checked; });
    applyFilters();
  }

  /* --- wiring --- */

  function claimAt(node) {
    var card = node.closest(".card");
    if (card) { return Number(card.dataset.i); }
    var span = node.closest("[data-c]");
    while (span && span.classList.contains("off")) { span = span.parentElement.closest("[data-c]"); }
    return span ? Number(span.dataset.c.split(" ")[0]) : -1;
  }

  document.addEventListener("click", function (e) {
    var goto = e.target.closest("a[data-goto]");
    var ev = eventOf(e.target);
    if (goto) {
      var target = ev || (selected && selected.ev);
      if (target) {
        e.preventDefault();
        var k = Number(goto.dataset.goto);
        select(target, k);
        var there = target.querySelector('.card.in-cmp[data-i="' + k + '"]') || target.querySelector('[data-c~="' + k + '"]');
        if (there) { reveal(there); }
      }
      return;
    }
    if (!ev || e.target.closest("summary")) { return; }
    var i = claimAt(e.target);
    if (i >= 0) { select(ev, i); }
  });

  document.addEventListener("keydown", function (e) {
    if ((e.key === "Enter" || e.key === " ") && e.target.classList && e.target.classList.contains("card")) {
      e.preventDefault();
      select(eventOf(e.target), Number(e.target.dataset.i));
    }
  });

  var hovered = [];
  document.addEventListener("mouseover", function (e) {
    var span = e.target.closest && e.target.closest(".text [data-c]");
    hovered.forEach(function (n) { n.classList.remove("hov"); });
    hovered = [];
    if (!span) { return; }
    var i = claimAt(span);
    if (i < 0) { return; }
    hovered = Array.prototype.slice.call(span.closest(".text").querySelectorAll('[data-c~="' + i + '"]'));
    hovered.forEach(function (n) { n.classList.add("hov"); });
  });

  document.addEventListener("toggle", function (e) {
    var d = e.target;
    if (!d.open) { return; }
    if (d.classList.contains("event")) { renderEvent(d); }
    if (d.classList.contains("art")) { renderDoc(d); }
  }, true);

  document.getElementById("f-speaker").addEventListener("input", readFilters);
  document.getElementById("f-outlet").addEventListener("change", readFilters);
  document.querySelectorAll(".f-act").forEach(function (box) { box.addEventListener("change", readFilters); });
  document.getElementById("f-clear").addEventListener("click", function () {
    document.getElementById("f-speaker").value = "";
    document.getElementById("f-outlet").value = "-1";
    document.querySelectorAll(".f-act").forEach(function (box) { box.checked = true; });
    readFilters();
  });
  document.getElementById("expand-all").addEventListener("click", function () {
    document.querySelectorAll(".event").forEach(function (ev) {
      if (ev.hidden) { return; }
      openEvent(ev);
      ev.querySelectorAll(".art").forEach(function (art) { if (!art.hidden) { art.open = true; renderDoc(art); } });
    });
  });
  document.getElementById("collapse-all").addEventListener("click", function () {
    document.querySelectorAll("details.event, details.art").forEach(function (d) { d.open = false; });
  });

  var list = document.getElementById("f-speakers");
  index.speakers.slice(0, 2000).forEach(function (name) { add(list, el("option")).value = name; });
  document.querySelectorAll(".event[open]").forEach(renderEvent);
  document.documentElement.dataset.ready = "1";
}());
