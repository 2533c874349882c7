// The book's scripts: the whole-book sidebar of large books, and
// search. Every page works without them.
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
      var href = entry[0], title = entry[1];
      if (current && href === slug + "/index.html") {
        list.appendChild(current);
        return;
      }
      var li = document.createElement("li");
      li.value = i + 1;
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
        index = (window.searchIndex || []).map(function (d) {
          return { url: d[0], title: d[1], text: d[2], lower: (d[1] + " " + d[2]).toLowerCase() };
        });
        loading.forEach(function (f) { f(); });
      };
      document.head.appendChild(s);
    }
    loading.push(then);
  }

  function terms(q) {
    return q.toLowerCase().split(/\s+/).filter(function (t) { return t.length > 0; });
  }

  function search(q, limit) {
    var ts = terms(q);
    if (!ts.length) return [];
    var hits = [];
    index.forEach(function (d) {
      var score = 0;
      for (var i = 0; i < ts.length; i++) {
        var at = d.lower.indexOf(ts[i]);
        if (at < 0) return;
        score += at < d.title.length ? 10 : 1;
      }
      hits.push({ doc: d, score: score });
    });
    hits.sort(function (a, b) { return b.score - a.score; });
    return hits.slice(0, limit);
  }

  function snippet(d, q) {
    var t = terms(q)[0], text = d.text, at = text.toLowerCase().indexOf(t);
    var frag = document.createDocumentFragment();
    if (at < 0) { frag.appendChild(document.createTextNode(text.slice(0, 120))); return frag; }
    var start = Math.max(0, at - 50);
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

  expandNav();
  setupSearch();
  setupSearchPage();
})();
