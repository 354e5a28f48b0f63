/* Samling agenda: the live "now" marker, and the run-sheet's "running late" control.
 *
 * Progressive enhancement: the page is complete without this. Every row carries its start and end
 * as UTC instants (data-start, data-end), computed at build time in the gathering's time zone, so
 * comparing them with Date.now() marks the session running at the venue whatever zone this
 * computer is set to. Times are written by clock.js (loaded first). No network, no modules: works from file://.
 */
(function () {
  "use strict";

  var MINUTE = 60000;

  function delayOf(el) {
    return Number(el.getAttribute("data-shift-ms") || 0);
  }

  function startOf(el) {
    return Date.parse(el.getAttribute("data-start")) + (el.hasAttribute("data-shifted-start") ? delayOf(el) : 0);
  }

  function endOf(el) {
    return Date.parse(el.getAttribute("data-end")) + delayOf(el);
  }

  function clear(table) {
    table.querySelectorAll(".is-now, .is-next").forEach(function (el) {
      el.classList.remove("is-now", "is-next");
      el.removeAttribute("aria-current");
    });
    table.querySelectorAll(".now-flag").forEach(function (el) {
      el.remove();
    });
  }

  function flag(el, text, cls) {
    el.classList.add(cls);
    var label = document.createElement("strong");
    label.className = "now-flag";
    label.textContent = text;
    var target = el.tagName === "TR" ? el.cells[1] : el;
    target.insertBefore(label, target.firstChild);
    if (cls === "is-now") el.setAttribute("aria-current", "time");
  }

  /* Marks the running item(s) and the next session of one agenda table, if today is its day. */
  function mark(table, now) {
    clear(table);
    var from = Date.parse(table.getAttribute("data-day-from"));
    var until = Date.parse(table.getAttribute("data-day-until"));
    if (!(now >= from && now < until)) return;
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var tracks = Array.prototype.slice.call(table.querySelectorAll(".parallel-track"));
    var subItems = Array.prototype.slice.call(table.querySelectorAll(".sub-items > li[data-start]"));
    var running = function (el) {
      return startOf(el) <= now && now < endOf(el);
    };
    rows.concat(tracks, subItems).filter(running).forEach(function (el) {
      // A parallel block's row is marked through its tracks.
      if (!el.classList.contains("kind-parallel")) flag(el, table.getAttribute("data-now-label"), "is-now");
      else el.classList.add("is-now");
    });
    var upcoming = rows.concat(tracks).filter(function (el) {
      return startOf(el) > now && !el.classList.contains("free-time") && !el.classList.contains("kind-parallel");
    });
    if (!upcoming.length) return;
    var soonest = Math.min.apply(null, upcoming.map(startOf));
    upcoming
      .filter(function (el) {
        return startOf(el) === soonest;
      })
      .forEach(function (el) {
        flag(el, table.getAttribute("data-next-label"), "is-next");
      });
  }

  function markAll() {
    var now = Date.now();
    document.querySelectorAll("table.agenda[data-day-from]").forEach(function (table) {
      mark(table, now);
    });
  }

  /* --- the run-sheet's "running N minutes late" control, kept on this device only --- */

  function readDelay(key) {
    try {
      var saved = JSON.parse(window.localStorage.getItem(key) || "null");
      return saved && saved.minutes > 0 ? saved : null;
    } catch (e) {
      return null; // storage blocked or damaged: behave as on time
    }
  }

  /* Shifts every item not finished when the delay was declared; one in progress keeps its start. */
  function applyDelay(form, delay) {
    var table = document.querySelector("table.run-sheet");
    table.querySelectorAll("[data-start-min]").forEach(function (el) {
      var span = el.querySelector(".span");
      var start = Number(el.getAttribute("data-start-min"));
      var end = Number(el.getAttribute("data-end-min"));
      el.removeAttribute("data-shift-ms");
      el.removeAttribute("data-shifted-start");
      el.classList.remove("shifted");
      var open = span.getAttribute("data-open"); // the day's last item with no end: "fra {time}"
      var when = function (from, to) {
        return open ? open.replace("{time}", window.SamlingClock.minutes(from)) : window.SamlingClock.span(from, to);
      };
      var planned = when(start, end);
      span.textContent = planned;
      span.removeAttribute("title");
      if (!delay || Date.parse(el.getAttribute("data-end")) <= delay.from) return;
      var shiftStart = Date.parse(el.getAttribute("data-start")) >= delay.from;
      el.setAttribute("data-shift-ms", String(delay.minutes * MINUTE));
      if (shiftStart) el.setAttribute("data-shifted-start", "");
      el.classList.add("shifted");
      span.textContent = when(start + (shiftStart ? delay.minutes : 0), end + delay.minutes);
      span.title = form.getAttribute("data-planned") + " " + planned;
    });
    var status = form.querySelector(".late-status");
    status.textContent = delay
      ? form.getAttribute("data-status").replace("{n}", String(delay.minutes))
      : form.getAttribute("data-none");
    form.querySelector("input").value = delay ? delay.minutes : 0;
    markAll();
  }

  function setUpDelay(form) {
    var key = form.getAttribute("data-key");
    form.hidden = false;
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var minutes = Math.max(0, Math.round(Number(form.querySelector("input").value) || 0));
      var previous = readDelay(key);
      var delay = minutes > 0 ? { minutes: minutes, from: previous ? previous.from : Date.now() } : null;
      try {
        if (delay) window.localStorage.setItem(key, JSON.stringify(delay));
        else window.localStorage.removeItem(key);
      } catch (e) {
        /* not kept, but still shown */
      }
      applyDelay(form, delay);
    });
    form.querySelector(".late-reset").addEventListener("click", function () {
      try {
        window.localStorage.removeItem(key);
      } catch (e) {
        /* nothing kept */
      }
      applyDelay(form, null);
    });
    applyDelay(form, readDelay(key));
  }

  document.querySelectorAll("form.late-control").forEach(setUpDelay);
  markAll();
  window.setInterval(markAll, 20000);
})();
