// The book's scripts: folded proofs that open when a link leads into
// them, the control that opens or closes them all, the whole-book
// sidebar of large books, and search. Every page but search works
// without them.
(function () {
  "use strict";
  var root = document.body.getAttribute("data-root") || "";
  var slug = document.body.getAttribute("data-slug") || "";

  // Large books list only neighbouring chapters in each page; nav.js
  // holds every chapter, so the sidebar can show the whole book.
  function expandNav() {
    var toc = document.getElementById("toc");
    if (!toc || !toc.getAttribute("data-partial") || !window.bookNav) return;
    var current = toc.querySelector("li.current");
    var list = document.createDocumentFragment();
    window.bookNav.forEach(function (entry, i) {
      var href = entry[0], title = entry[1], no = entry[2];
      if (current && href === slug + "/index.html") {
        list.appendChild(current);
        return;
      }
      var li = document.createElement("li");
      li.value = no;
      var a = document.createElement("a");
      a.href = root + href;
      a.textContent = title;
      li.appendChild(a);
      list.appendChild(li);
    });
    toc.textContent = "";
    toc.appendChild(list);
    toc.removeAttribute("data-partial");
    var all = document.querySelector(".all-chapters");
    if (all) all.hidden = true;
    if (current) current.scrollIntoView({ block: "center" });
  }

  // Search: the index is a script (browsers refuse fetch() from
  // file:// pages), loaded the first time the reader wants it.
  var index = null, loading = null;
  function loadIndex(then) {
    if (index) { then(); return; }
    if (!loading) {
      loading = [];
      var s = document.createElement("script");
      s.src = root + "assets/search-index.js";
      s.onload = function () {
        index = (window.searchIndex || []).map(function (d, i) {
          return {
            url: d[0], title: d[1], text: d[2], kind: d[3] || "p", order: i,
            heading: (d[4] || "").toLowerCase(), lower: (d[1] + " " + d[2]).toLowerCase()
          };
        });
        loading.forEach(function (f) { f(); });
      };
      document.head.appendChild(s);
    }
    loading.push(then);
  }

  // parse splits a query into "quoted phrases" and words; a query of
  // several words is also a phrase, which ranks above its words apart.
  function parse(q) {
    var phrases = [], rest = q.toLowerCase().replace(/"([^"]*)"/g, function (_, p) {
      p = p.trim().replace(/\s+/g, " ");
      if (p) phrases.push(p);
      return " ";
    });
    var words = rest.split(/\s+/).filter(function (t) { return t.length > 0; });
    var whole = words.join(" ");
    return { phrases: phrases, words: words, whole: words.length > 1 ? whole : "" };
  }

  function count(text, t) {
    var n = 0, at = text.indexOf(t);
    while (at >= 0 && n < 5) { n++; at = text.indexOf(t, at + t.length); }
    return n;
  }

  // Ranking: a match in a section's heading, then in its prose, then in
  // code, test code last. Occurrences count up to five, so a long
  // section does not win by length; ties go to the earlier chapter,
  // which introduces the idea.
  var kindWeight = { p: 100, c: 10, t: 0 };
  function search(q, limit) {
    var query = parse(q);
    var needles = query.phrases.concat(query.words);
    if (!needles.length) return [];
    var hits = [];
    index.forEach(function (d) {
      for (var i = 0; i < needles.length; i++) {
        if (d.lower.indexOf(needles[i]) < 0) return;
      }
      var main = query.phrases.length ? query.phrases : (query.whole ? [query.whole] : query.words);
      var inHeading = d.heading && main.every(function (t) { return d.heading.indexOf(t) >= 0; });
      var phrase = query.whole && d.lower.indexOf(query.whole) >= 0;
      var n = 0;
      main.forEach(function (t) { n += count(d.lower, t); });
      var score = (inHeading ? 1000 : 0) + kindWeight[d.kind] + (phrase ? 50 : 0) + n * 4;
      hits.push({ doc: d, score: score });
    });
    hits.sort(function (a, b) { return b.score - a.score || a.doc.order - b.doc.order; });
    return hits.slice(0, limit);
  }

  // snippet shows the text around the first match, its words in order.
  function snippet(d, q) {
    var query = parse(q);
    var text = d.text, lower = text.toLowerCase(), t = "", at = -1;
    [query.whole].concat(query.phrases, query.words).forEach(function (c) {
      if (c && at < 0) { at = lower.indexOf(c); t = c; }
    });
    var frag = document.createDocumentFragment();
    if (at < 0) { frag.appendChild(document.createTextNode(text.slice(0, 120))); return frag; }
    var start = Math.max(0, at - 50);
    while (start > 0 && start < at && text[start - 1] !== " ") start++;
    frag.appendChild(document.createTextNode((start > 0 ? "…" : "") + text.slice(start, at)));
    var m = document.createElement("mark");
    m.textContent = text.slice(at, at + t.length);
    frag.appendChild(m);
    frag.appendChild(document.createTextNode(text.slice(at + t.length, at + t.length + 70) + "…"));
    return frag;
  }

  function show(list, hits, q) {
    list.textContent = "";
    hits.forEach(function (h) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = root + h.doc.url;
      a.textContent = h.doc.title;
      var s = document.createElement("span");
      s.className = "snippet";
      s.appendChild(snippet(h.doc, q));
      li.appendChild(a);
      li.appendChild(s);
      list.appendChild(li);
    });
  }

  function setupSearch() {
    var input = document.getElementById("search-input");
    var list = document.getElementById("search-results");
    if (!input || !list) return;
    function run() {
      var q = input.value;
      loadIndex(function () {
        var hits = search(q, 12);
        show(list, hits, q);
        list.hidden = hits.length === 0;
      });
    }
    input.addEventListener("focus", function () { loadIndex(function () {}); });
    input.addEventListener("input", run);
    input.addEventListener("keydown", function (e) {
      if (e.key === "Escape") { list.hidden = true; input.blur(); }
    });
    document.addEventListener("click", function (e) {
      if (!input.form.contains(e.target)) list.hidden = true;
    });
  }

  // search.html lists every hit for ?q=.
  function setupSearchPage() {
    var list = document.getElementById("search-page-results");
    if (!list) return;
    var q = new URLSearchParams(location.search).get("q") || "";
    var input = document.getElementById("search-input");
    if (input) input.value = q;
    var status = document.getElementById("search-status");
    if (!q) { status.textContent = "Type in the search box above."; return; }
    loadIndex(function () {
      var hits = search(q, 200);
      status.textContent = hits.length + (hits.length === 1 ? " result" : " results") + " for “" + q + "”.";
      show(list, hits, q);
    });
  }

  // A link into a folded proof (a chunk reference, an identifier, a
  // files page's line, a claims table's #TestFoo) opens the proof and
  // every proof around it, then shows the target.
  function openTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    var el = id && document.getElementById(id);
    if (!el) return;
    var opened = false;
    for (var d = el; d; d = d.parentElement) {
      if (d.tagName === "DETAILS" && !d.open) { d.open = true; opened = true; }
    }
    if (opened) el.scrollIntoView();
  }

  // The control under a chapter's title opens or closes every proof.
  function setupProofToggle() {
    var tools = document.querySelector(".proof-tools");
    var proofs = document.querySelectorAll("details.proof");
    if (!tools || !proofs.length) return;
    var button = tools.querySelector("button");
    function label() {
      var open = 0;
      proofs.forEach(function (d) { if (d.open) open++; });
      var all = open === proofs.length;
      button.textContent = all ? "Close all proofs" : "Open all " + proofs.length + " proofs";
      button.setAttribute("aria-pressed", all ? "true" : "false");
      return all;
    }
    button.addEventListener("click", function () {
      var close = label();
      proofs.forEach(function (d) { d.open = !close; });
      label();
    });
    proofs.forEach(function (d) { d.addEventListener("toggle", label); });
    label();
    tools.hidden = false;
  }

  openTarget();
  window.addEventListener("hashchange", openTarget);
  // A second click on the same link changes no hash: open it anyway.
  document.addEventListener("click", function (e) {
    var a = e.target.closest && e.target.closest("a[href*='#']");
    if (a && a.pathname === location.pathname) setTimeout(openTarget, 0);
  });
  setupProofToggle();
  expandNav();
  setupSearch();
  setupSearchPage();
})();
