/* The programme's "next" and "today" marks, judged when the page is viewed.
 *
 * The page is built once, long before it is read, so it cannot know which gathering is next.
 * Each entry carries its first and last day (ISO), their precision ("day" or "month") and the
 * venue's time zone; today's date there decides, whatever zone this device is set to. The rule
 * is generator/domain/programme.py's: "today" is an exact gathering that includes today; "next"
 * is the first one still to come (exact: not begun; planned months: not over). Without this
 * script the list is complete and in date order; only the marks are missing.
 *
 * Markup: [data-programme data-label-next data-label-today] › [data-network] ›
 *         [data-first data-last data-precision data-timezone]
 */
(function () {
  "use strict";

  function dayIn(zone, now) {
    var parts = {};
    try {
      new Intl.DateTimeFormat("en-GB", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit" })
        .formatToParts(now)
        .forEach(function (p) { parts[p.type] = p.value; });
    } catch (e) { // an unknown zone: this device's own day is the best guess left
      var d = new Date(now);
      parts = { year: String(d.getFullYear()), month: ("0" + (d.getMonth() + 1)).slice(-2), day: ("0" + d.getDate()).slice(-2) };
    }
    return parts.year + "-" + parts.month + "-" + parts.day; // ISO dates compare as strings
  }

  function flag(entry, word, cls) {
    entry.classList.add(cls);
    var mark = document.createElement("strong");
    mark.className = "programme-flag";
    mark.textContent = word;
    entry.appendChild(document.createTextNode(" "));
    entry.appendChild(mark);
  }

  function clear(root) {
    root.querySelectorAll(".programme-flag").forEach(function (f) {
      var space = f.previousSibling;
      if (space && space.nodeType === 3 && space.nodeValue === " ") space.remove();
      f.remove();
    });
    root.querySelectorAll(".is-next, .is-today").forEach(function (el) {
      el.classList.remove("is-next", "is-today");
      el.removeAttribute("aria-current");
    });
  }

  function mark(root) {
    var now = Date.now();
    clear(root);
    root.querySelectorAll("[data-network]").forEach(function (network) {
      var entries = Array.prototype.slice.call(network.querySelectorAll("[data-first]"));
      // Stable sort by first day, as the build orders them; the page's order normally already is.
      entries = entries.map(function (el, i) { return { el: el, i: i }; }).sort(function (a, b) {
        var x = a.el.getAttribute("data-first"), y = b.el.getAttribute("data-first");
        return x < y ? -1 : x > y ? 1 : a.i - b.i;
      }).map(function (o) { return o.el; });
      var next = null, today = null;
      entries.forEach(function (el) {
        var day = dayIn(el.getAttribute("data-timezone") || "Europe/Oslo", now);
        var first = el.getAttribute("data-first"), last = el.getAttribute("data-last") || first;
        var exact = el.getAttribute("data-precision") !== "month";
        if (exact && first <= day && day <= last && !today) today = el;
        else if (!next && ((exact && first > day) || (!exact && last >= day))) next = el;
      });
      if (today) {
        flag(today, root.getAttribute("data-label-today"), "is-today");
        today.setAttribute("aria-current", "date");
      }
      if (next) flag(next, root.getAttribute("data-label-next"), "is-next");
    });
  }

  function start() {
    document.querySelectorAll("[data-programme]").forEach(function (root) {
      mark(root);
      setInterval(function () { mark(root); }, 60 * 1000); // an open page moves on at midnight
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
