/* Samling site search: a combobox (WAI-ARIA APG, list autocomplete) over the index in search-index.js.
 *
 * The index (format: generator/render/search.py) is scripts: one lists the parts, each part adds
 * itself to window.SAMLING_SEARCH_PARTS. They are loaded by <script src> tags the first time the
 * box is used, never fetched, so search works from file://. UI words come from the form's data attributes (the theme's strings). Index text reaches
 * the page only through textContent. No network, no eval, no modules.
 * window.SamlingSearch = {fold, tokens, search, load} is the part without UI, for tests and the benchmark.
 */
(function () {
  "use strict";

  var LIMIT = 30; // results shown; the count announces them all
  var MAX_TOKEN = 32;
  var LETTERS = { "æ": "ae", "ø": "o", "đ": "d", "ŋ": "n", "ŧ": "t", "ł": "l", "œ": "oe", "ß": "ss" };
  var SPELT = /[æøđŋŧłœß]/g;
  var MARKS = /\p{M}/gu;
  var TOKEN = /[\p{L}\p{N}]+/gu;

  // As generator/render/search.py fold(): "Måling" → "maling".
  function fold(text) {
    return text.toLowerCase().normalize("NFKD").replace(SPELT, function (c) { return LETTERS[c]; }).replace(MARKS, "");
  }

  function cut(token) {
    return token.length <= MAX_TOKEN ? token : Array.from(token).slice(0, MAX_TOKEN).join("");
  }

  function tokens(text) {
    var found = fold(text).match(TOKEN) || [];
    var seen = [];
    found.forEach(function (t) {
      t = cut(t);
      if (seen.indexOf(t) < 0) seen.push(t);
    });
    return seen;
  }

  function firstAtLeast(terms, key) {
    var lo = 0, hi = terms.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (terms[mid] < key) lo = mid + 1; else hi = mid;
    }
    return lo;
  }

  // "delta*32+weight" in base 36, comma-separated → [doc, weight, doc, weight, ...]; decoded once per term.
  function postings(part, i) {
    var cache = part.decoded || (part.decoded = []);
    if (cache[i]) return cache[i];
    var text = part.postings[i], out = [], value = 0, doc = 0;
    for (var k = 0; k <= text.length; k++) {
      var c = k < text.length ? text.charCodeAt(k) : 44;
      if (c === 44) {
        doc += Math.floor(value / 32);
        out.push(doc, value % 32);
        value = 0;
      } else {
        value = value * 36 + (c <= 57 ? c - 48 : c - 87);
      }
    }
    return (cache[i] = out);
  }

  // The terms of a part that start with q: [first, end).
  function range(part, q) {
    var first = firstAtLeast(part.terms, q), end = first;
    while (end < part.terms.length && part.terms[end].lastIndexOf(q, 0) === 0) end++;
    return [first, end];
  }

  // Every query token is a prefix; a document must match them all. Ranked by weight × idf over the
  // whole site, an exact term above a longer one. index = {parts: [part, ...]} (see assemble).
  function search(index, query) {
    var qs = tokens(query);
    if (!qs.length || !index) return { tokens: qs, hits: [] };
    var parts = index.parts, n = 0, totals = [];
    parts.forEach(function (part) { n += part.docs.length; });
    for (var q = 0; q < qs.length; q++) {
      var ranges = parts.map(function (part) { return range(part, qs[q]); });
      var df = {};
      parts.forEach(function (part, pi) {
        for (var i = ranges[pi][0]; i < ranges[pi][1]; i++) {
          df[part.terms[i]] = (df[part.terms[i]] || 0) + postings(part, i).length / 2;
        }
      });
      parts.forEach(function (part, pi) {
        if (q > 0 && !totals[pi]) return; // no document of this part matched an earlier token
        var best = null;
        for (var i = ranges[pi][0]; i < ranges[pi][1]; i++) {
          var term = part.terms[i], p = postings(part, i);
          var idf = Math.log(1 + n / df[term]);
          var factor = term === qs[q] ? idf : idf * 0.7;
          best = best || new Float64Array(part.docs.length);
          for (var k = 0; k < p.length; k += 2) {
            var s = p[k + 1] * factor;
            if (s > best[p[k]]) best[p[k]] = s;
          }
        }
        var total = totals[pi];
        if (!best) totals[pi] = null;
        else if (q === 0) totals[pi] = best;
        else for (var d = 0; d < best.length; d++) total[d] = total[d] && best[d] ? total[d] + best[d] : 0;
      });
    }
    var hits = [];
    totals.forEach(function (total, pi) {
      if (total) for (var d = 0; d < total.length; d++) if (total[d] > 0) hits.push({ part: pi, doc: d, score: total[d] });
    });
    hits.sort(function (a, b) { return b.score - a.score || a.part - b.part || a.doc - b.doc; });
    return { tokens: qs, hits: hits };
  }

  function loadScript(src, done) {
    var script = document.createElement("script");
    script.src = src;
    script.onload = function () { done(true); };
    script.onerror = function () { done(false); };
    document.head.appendChild(script);
  }

  // The list of parts (window.SAMLING_SEARCH), then every part beside it, each by a script tag.
  function load(src, then) {
    loadScript(src, function (ok) {
      var listing = window.SAMLING_SEARCH;
      if (!ok || !listing || listing.v !== 2) return then(null);
      var base = src.replace(/[^/]*$/, ""), left = listing.parts.length;
      if (!left) return then(assemble());
      listing.parts.forEach(function (name) {
        loadScript(base + name, function () { if (--left === 0) then(assemble()); });
      });
    });
  }

  function assemble() {
    var got = window.SAMLING_SEARCH_PARTS || {};
    var parts = window.SAMLING_SEARCH.parts.map(function (name) { return got[name]; });
    return { lang: window.SAMLING_SEARCH.lang, parts: parts.filter(Boolean) };
  }

  window.SamlingSearch = { fold: fold, tokens: tokens, search: search, load: load };

  // --- the combobox ---------------------------------------------------------------------

  function marked(text, qs) {
    var frag = document.createDocumentFragment(), last = 0, m;
    TOKEN.lastIndex = 0;
    while ((m = TOKEN.exec(text))) {
      var word = fold(m[0]);
      if (qs.some(function (q) { return word.lastIndexOf(q, 0) === 0; })) {
        frag.appendChild(document.createTextNode(text.slice(last, m.index)));
        var mark = document.createElement("mark");
        mark.textContent = m[0];
        frag.appendChild(mark);
        last = m.index + m[0].length;
      }
    }
    frag.appendChild(document.createTextNode(text.slice(last)));
    return frag;
  }

  function words(form, key, values) {
    return (form.getAttribute("data-" + key) || "").replace(/\{(\w+)\}/g, function (all, name) {
      return name in values ? values[name] : all;
    });
  }

  function setup(form) {
    var input = form.querySelector("[role=combobox]");
    var list = form.querySelector("[role=listbox]");
    var status = form.querySelector("[role=status]");
    var root = (form.getAttribute("data-root") || "").replace(/index\.html$/, "");
    var options = [], active = -1, loading = false, waiting = null, index = null;

    function open(yes) {
      list.hidden = !yes;
      input.setAttribute("aria-expanded", yes ? "true" : "false");
      if (!yes) activate(-1);
    }

    function activate(i) {
      if (options[active]) options[active].setAttribute("aria-selected", "false");
      active = i;
      if (options[i]) {
        options[i].setAttribute("aria-selected", "true");
        input.setAttribute("aria-activedescendant", options[i].id);
        options[i].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function go(option) {
      if (option) window.location.href = option.getAttribute("data-href");
    }

    // The index loads once, on first use; whatever asked while it loaded runs when it is there.
    function withIndex(then) {
      if (index) return then();
      waiting = then;
      if (loading) return;
      loading = true;
      load(form.getAttribute("data-index"), function (loaded) {
        if (!loaded) {
          status.textContent = words(form, "unavailable", {});
          return;
        }
        index = loaded;
        waiting();
      });
    }

    function option(doc, qs, id) {
      var el = document.createElement("div");
      el.id = "site-search-option-" + id;
      el.className = "site-search-option";
      el.setAttribute("role", "option");
      el.setAttribute("aria-selected", "false");
      el.setAttribute("data-href", root + doc[1]);
      var title = document.createElement("span");
      title.className = "site-search-title";
      title.appendChild(marked(doc[2], qs));
      var kind = document.createElement("span");
      kind.className = "site-search-kind";
      kind.textContent = words(form, "kind-" + doc[0], {});
      el.appendChild(title);
      el.appendChild(document.createTextNode(" "));
      el.appendChild(kind);
      if (doc[3]) {
        var snippet = document.createElement("span");
        snippet.className = "site-search-snippet";
        snippet.appendChild(marked(doc[3], qs));
        el.appendChild(snippet);
      }
      return el;
    }

    function render() {
      if (!index) return;
      var result = search(index, input.value);
      list.textContent = "";
      options = [];
      active = -1;
      input.removeAttribute("aria-activedescendant");
      if (!result.tokens.length) {
        status.textContent = "";
        form.setAttribute("data-searched", input.value);
        return open(false);
      }
      var n = result.hits.length;
      var groups = [], byPart = {};
      result.hits.slice(0, LIMIT).forEach(function (hit) {
        if (!(hit.part in byPart)) groups.push((byPart[hit.part] = { part: index.parts[hit.part], docs: [] }));
        byPart[hit.part].docs.push(hit.doc);
      });
      groups.forEach(function (group, gi) {
        var box = document.createElement("div");
        box.setAttribute("role", "group");
        box.setAttribute("aria-labelledby", "site-search-group-" + gi);
        var heading = document.createElement("div");
        heading.id = "site-search-group-" + gi;
        heading.className = "site-search-group";
        heading.setAttribute("role", "presentation");
        heading.textContent = group.part.gathering ? group.part.gathering[1] : words(form, "models", {});
        box.appendChild(heading);
        group.docs.forEach(function (d) {
          var el = option(group.part.docs[d], result.tokens, options.length);
          options.push(el);
          box.appendChild(el);
        });
        list.appendChild(box);
      });
      var count = words(form, n === 1 ? "count-one" : "count", { n: n });
      if (!n) count = words(form, "none", {});
      else if (n > LIMIT) count += " " + words(form, "shown", { shown: LIMIT });
      status.textContent = count;
      form.setAttribute("data-searched", input.value); // what the results are for (tests wait on it)
      open(n > 0);
    }

    form.hidden = false;
    input.addEventListener("focus", function () { withIndex(function () {}); });
    input.addEventListener("input", function () { withIndex(render); });
    input.addEventListener("keydown", function (e) {
      var expanded = !list.hidden;
      if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        if (!options.length) return;
        e.preventDefault();
        var down = e.key === "ArrowDown";
        if (!expanded) {
          open(true);
          if (!e.altKey) activate(down ? 0 : options.length - 1);
          return;
        }
        activate(down ? (active + 1) % options.length : (active <= 0 ? options.length : active) - 1);
      } else if (e.key === "Enter") {
        e.preventDefault();
        if (expanded) go(options[active >= 0 ? active : 0]);
      } else if (e.key === "Escape") {
        if (expanded) {
          e.preventDefault();
          open(false);
        } else if (input.value) {
          e.preventDefault();
          input.value = "";
          render();
        }
      }
    });
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    list.addEventListener("mousedown", function (e) { e.preventDefault(); }); // keep focus in the box
    list.addEventListener("click", function (e) {
      go(e.target.closest("[role=option]"));
    });
    form.addEventListener("focusout", function (e) {
      if (!form.contains(e.relatedTarget)) open(false);
    });
  }

  document.querySelectorAll("form.site-search").forEach(setup);
})();
