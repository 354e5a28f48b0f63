/* The one-file pack's router (generator/render/pack.py, docs/pack.md). The pack holds every page
   twice: as sections one after another (read without JavaScript) and as whole documents. With
   JavaScript, the page named by the hash (#p-…) is written in place of the pack, so its own
   scripts (slides, worksheets, agenda) run as they do on the site. A hash that names no page (a
   slide number, an anchor) keeps the page shown last in this tab. This same script is written
   into every page, so a link to #p-… there leads on. Nothing is fetched: it works from file://. */
(function () {
  "use strict";
  var pack = window.SAMLING_PACK;

  function pageFor(hash) {
    var m = /^#(p-[a-z0-9-]+)/.exec(hash || "");
    return m && pack.docs[m[1]] ? m[1] : null;
  }

  function remembered() {
    try {
      var id = window.sessionStorage.getItem("samling-pack:" + pack.key);
      return id && pack.docs[id] ? id : null;
    } catch (e) {
      return null; // storage switched off: the overview
    }
  }

  function fill(html) {
    return html.replace(/<!--samling-pack:(css|js|router):([^>]*?)-->/g, function (all, kind, name) {
      if (kind === "router") return "<script>" + pack.router + "<\/script>";
      if (kind === "css") return "<style>" + (pack.assets[name] || "") + "</style>";
      return "<script>" + (pack.assets[name] || "") + "<\/script>";
    });
  }

  function go(id) {
    pack.current = id;
    // "#p-deck-presenter#4" (the presenter view opened at slide 4): the page keeps "#4", as on the site.
    var rest = /^#p-[a-z0-9-]+#(.+)$/.exec(window.location.hash);
    if (rest) history.replaceState(null, "", "#" + rest[1]);
    try {
      window.sessionStorage.setItem("samling-pack:" + pack.key, id);
    } catch (e) {
      /* not kept: a reload shows the page its hash names, or the overview */
    }
    document.open();
    document.write(fill(pack.docs[id]));
    document.close();
  }

  if (!pack) {
    // The pack itself, as opened: read its pages, then write the one asked for.
    document.documentElement.className += " pack-js";
    document.addEventListener("DOMContentLoaded", function () {
      pack = window.SAMLING_PACK = JSON.parse(document.getElementById("pack-data").textContent);
      pack.router = document.getElementById("pack-router").textContent;
      go(pageFor(window.location.hash) || remembered() || pack.first);
    });
    return;
  }
  // A page written by go(): it follows links to other pages of the pack. Each history entry is
  // marked with its page, so Back from a page to a deck's "#3" shows the deck again at slide 3.
  document.documentElement.setAttribute("data-pack-page", pack.current);
  history.replaceState({ samlingPack: pack.current }, "");
  window.addEventListener("hashchange", function () {
    var marked = history.state && history.state.samlingPack;
    var id = pageFor(window.location.hash) || (marked && pack.docs[marked] ? marked : null);
    if (id && id !== pack.current) go(id);
    else if (!marked) history.replaceState({ samlingPack: pack.current }, "");
  });
})();
