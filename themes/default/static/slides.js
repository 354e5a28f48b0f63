/* Samling slide viewer: the audience view (deck.html) and the presenter view (deck_presenter.html).
 *
 * Plain JavaScript, nothing fetched, works from file://. The slide number lives in the URL hash
 * (#12), so reload, back/forward and shared links land on that slide. The two windows keep in
 * step with window.open + postMessage (the only channel between file:// windows in Chromium,
 * whose file:// pages have opaque origins), plus a BroadcastChannel where the origin allows it.
 * The presenter's clock is written by clock.js (loaded first), in the site's time format.
 * timer.js's messages ride the same channel, handed over as "samling:timer-in/-out" events.
 */
(function () {
  "use strict";

  var doc = document;
  var body = doc.body;
  var isPresenter = body.classList.contains("deck-presenter");
  var deckKey = body.getAttribute("data-deck") || "";
  var container = doc.querySelector(isPresenter ? ".presenter-grid" : ".deck-stage");
  if (!container) return;
  var slides = Array.prototype.slice.call(container.querySelectorAll(":scope > .deck-slide"));
  var notes = Array.prototype.slice.call(container.querySelectorAll(":scope > .presenter-notes"));
  var total = slides.length;
  if (!total) return;
  var status = doc.querySelector("[data-status]");
  var position = doc.querySelector("[data-position]");
  var current = 0; // 1-based once shown
  var other = null; // the other window: the presenter view, or the audience view that opened it
  var channel = null;

  doc.documentElement.classList.remove("no-js");
  doc.documentElement.classList.add("js");
  Array.prototype.forEach.call(doc.querySelectorAll("[data-action], [data-position], .deck-keys"), function (el) {
    el.hidden = false;
  });

  function label(n) {
    var text = (body.getAttribute("data-n-of") || "{n}/{total}").replace("{n}", n).replace("{total}", total);
    return (body.getAttribute("data-slide-word") || "") + " " + text;
  }

  function fromHash() {
    var m = /^#(\d+)$/.exec(window.location.hash);
    return m ? Math.min(Math.max(parseInt(m[1], 10), 1), total) : 0;
  }

  /* Shrink a slide's text until it fits; text is in container units, so this holds at every size. */
  function fit(slide) {
    var inner = slide.querySelector(".deck-slide-body");
    if (!inner || slide.hasAttribute("data-fitted")) return;
    var wasHidden = slide.hidden;
    slide.hidden = false;
    var f = 1;
    inner.style.setProperty("--fit", "1");
    while (inner.scrollHeight > inner.clientHeight + 1 && f > 0.55) {
      f = Math.round((f - 0.05) * 100) / 100;
      inner.style.setProperty("--fit", String(f));
    }
    slide.hidden = wasHidden;
    if (inner.clientHeight > 0) slide.setAttribute("data-fitted", "");
  }

  /* Show slide n. `how`: "key" or "click" (a local action), "message" (from the other window), "hash". */
  function show(n, how) {
    n = Math.min(Math.max(n, 1), total);
    var changed = n !== current;
    // Focus on (or in) a slide that is about to be hidden would be lost: it moves to the new slide.
    var focusWasInSlide = slides.some(function (s) {
      return s.contains(doc.activeElement);
    });
    current = n;
    slides.forEach(function (slide, i) {
      var here = i + 1 === n;
      slide.classList.toggle("is-current", here);
      if (isPresenter) {
        var next = i + 1 === n + 1;
        slide.classList.toggle("is-next", next);
        slide.inert = !here; // the preview of the next slide is for eyes only: not focusable, not read
        if (next) slide.setAttribute("data-next-label", body.getAttribute("data-next-label") || "");
      } else if (!body.classList.contains("deck-overview")) {
        slide.hidden = !here;
      }
    });
    notes.forEach(function (note, i) {
      note.classList.toggle("is-current", i + 1 === n);
    });
    fit(slides[n - 1]);
    if (n < total) fit(slides[n]);
    if (position) position.textContent = n + " / " + total;
    if (window.location.hash !== "#" + n) {
      // A local move adds a history entry (back/forward step through slides); others replace it.
      if (how === "key" || how === "click") window.location.hash = "#" + n;
      else history.replaceState(null, "", "#" + n);
    }
    if (!changed) return;
    var slide = slides[n - 1];
    if (status) status.textContent = slide.getAttribute("aria-label") || label(n);
    if (focusWasInSlide && !body.classList.contains("deck-overview")) {
      slide.setAttribute("tabindex", "-1");
      slide.focus({ preventScroll: true });
    }
    if (how !== "message" && how !== "load") tell(n);
    if (isPresenter) onSlideForTiming(n);
  }

  function go(delta, how) {
    show(current + delta, how);
  }

  /* --- keeping the two windows in step -------------------------------------- */
  function tell(n) {
    post({ samling: "deck", deck: deckKey, slide: n });
  }

  function post(message) {
    if (other && !other.closed) {
      try {
        other.postMessage(message, "*"); // file:// origins are opaque: "*" is the only target that works
      } catch (e) {
        other = null;
      }
    }
    if (channel) channel.postMessage(message);
  }

  function receive(data, source) {
    if (data && data.samling === "timer" && data.deck === deckKey) {
      if (source) other = source;
      doc.dispatchEvent(new CustomEvent("samling:timer-in", { detail: data })); // timer.js takes it from here
      return;
    }
    if (!data || data.samling !== "deck" || data.deck !== deckKey) return;
    if (typeof data.slide !== "number" || data.slide % 1 !== 0) return;
    if (source) other = source;
    show(data.slide, "message");
  }

  window.addEventListener("message", function (event) {
    // Only the window we opened, or the one that opened us, may move the slides.
    var opener = window.opener;
    if (event.source !== other && event.source !== opener) return;
    receive(event.data, event.source);
  });
  if (typeof BroadcastChannel === "function") {
    try {
      channel = new BroadcastChannel("samling-deck:" + deckKey);
      channel.onmessage = function (event) {
        receive(event.data, null);
      };
    } catch (e) {
      channel = null;
    }
  }
  if (isPresenter && window.opener) other = window.opener;
  // timer.js (the group-work countdown) sends its state over the same channel.
  doc.addEventListener("samling:timer-out", function (event) {
    if (event.detail && event.detail.samling === "timer") post(event.detail);
  });

  function openPresenter() {
    var url = body.getAttribute("data-presenter");
    if (!url) return;
    if (other && !other.closed) {
      other.focus();
      tell(current);
      return;
    }
    other = window.open(url + "#" + current, "samling-presenter-" + deckKey.replace(/\W/g, "-"), "popup,width=1200,height=750");
  }

  /* --- overview and full screen (audience view) ------------------------------ */
  function setOverview(on) {
    body.classList.toggle("deck-overview", on);
    var button = doc.querySelector('[data-action="overview"]');
    if (button) button.setAttribute("aria-pressed", on ? "true" : "false");
    slides.forEach(function (slide, i) {
      slide.hidden = on ? false : i + 1 !== current;
      if (on) slide.setAttribute("tabindex", "0");
      else slide.removeAttribute("tabindex");
    });
    var slide = slides[current - 1];
    if (on) {
      slide.focus();
      slide.scrollIntoView({ block: "nearest" });
    } else {
      slide.setAttribute("tabindex", "-1");
      slide.focus({ preventScroll: true });
    }
  }

  function toggleFullscreen() {
    if (doc.fullscreenElement) {
      doc.exitFullscreen();
    } else if (doc.documentElement.requestFullscreen) {
      doc.documentElement.requestFullscreen().catch(function () {});
    }
  }

  /* --- input ------------------------------------------------------------------ */
  function typing(target) {
    return target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
  }

  doc.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
    var onControl = event.target && /^(BUTTON|A|SUMMARY)$/.test(event.target.tagName);
    var overview = body.classList.contains("deck-overview");
    var key = event.key;
    if (overview && (key === "Enter" || key === " ") && event.target.classList.contains("deck-slide")) {
      current = slides.indexOf(event.target) + 1 || current;
      setOverview(false);
      show(current, "key");
    } else if (key === "ArrowRight" || key === "PageDown" || (key === " " && !event.shiftKey && !onControl)) {
      go(1, "key");
    } else if (key === "ArrowLeft" || key === "PageUp" || (key === " " && event.shiftKey && !onControl)) {
      go(-1, "key");
    } else if (key === "Home") {
      show(1, "key");
    } else if (key === "End") {
      show(total, "key");
    } else if ((key === "o" || key === "O" || (key === "Escape" && overview)) && !isPresenter) {
      setOverview(!overview && key !== "Escape");
    } else if ((key === "f" || key === "F") && !isPresenter) {
      toggleFullscreen();
    } else if ((key === "s" || key === "S") && !isPresenter) {
      openPresenter();
    } else {
      return;
    }
    event.preventDefault();
  });

  doc.addEventListener("click", function (event) {
    if (event.target.classList && event.target.classList.contains("skip-link") && !isPresenter) {
      // Skip to the current slide itself; following the link would put "#main" where the slide number lives.
      event.preventDefault();
      var target = slides[current - 1];
      target.setAttribute("tabindex", "-1");
      target.focus();
      return;
    }
    var action = event.target.closest && event.target.closest("[data-action]");
    if (action) {
      var what = action.getAttribute("data-action");
      if (what === "prev") go(-1, "click");
      else if (what === "next") go(1, "click");
      else if (what === "overview") setOverview(!body.classList.contains("deck-overview"));
      else if (what === "fullscreen") toggleFullscreen();
      else if (what === "presenter") openPresenter();
      else if (what === "reset") resetTimer();
      return;
    }
    var slide = event.target.closest && event.target.closest(".deck-slide");
    if (!slide || isPresenter || event.target.closest("a, button, input, textarea, select, summary")) return;
    if (String(window.getSelection && window.getSelection())) return; // selecting text is not a click
    if (body.classList.contains("deck-overview")) {
      current = slides.indexOf(slide) + 1 || current;
      setOverview(false);
      show(current, "click");
      return;
    }
    var box = slide.getBoundingClientRect();
    go(event.clientX < box.left + box.width / 4 ? -1 : 1, "click"); // the left quarter goes back
  });

  var touch = null;
  container.addEventListener(
    "touchstart",
    function (event) {
      touch = event.touches.length === 1 ? { x: event.touches[0].clientX, y: event.touches[0].clientY } : null;
    },
    { passive: true }
  );
  container.addEventListener("touchend", function (event) {
    if (!touch || body.classList.contains("deck-overview")) return;
    var dx = event.changedTouches[0].clientX - touch.x;
    var dy = event.changedTouches[0].clientY - touch.y;
    touch = null;
    if (Math.abs(dx) > 50 && Math.abs(dx) > Math.abs(dy)) {
      event.preventDefault(); // a swipe is not also a click
      go(dx < 0 ? 1 : -1, "click");
    }
  });

  window.addEventListener("hashchange", function () {
    var n = fromHash();
    if (n && n !== current) show(n, "hash");
  });
  window.addEventListener("beforeprint", function () {
    slides.forEach(fit);
  });

  /* --- timing (presenter view) --------------------------------------------------- */
  var started = Date.now();
  var sessionKey = null;
  var sessionStarted = started;
  var sessionMinutes = 0;
  var elapsedOut = doc.querySelector("[data-elapsed]");
  var sessionOut = doc.querySelector("[data-session-elapsed]");
  var overOut = doc.querySelector("[data-session-over]");
  var clockOut = doc.querySelector("[data-clock]");

  function minutesAndSeconds(ms) {
    var s = Math.max(0, Math.floor(ms / 1000));
    var h = Math.floor(s / 3600);
    var m = Math.floor((s % 3600) / 60);
    var rest = ("0" + (s % 60)).slice(-2);
    return h ? h + ":" + ("0" + m).slice(-2) + ":" + rest : m + ":" + rest;
  }

  function onSlideForTiming(n) {
    var note = notes[n - 1];
    var key = note ? note.getAttribute("data-session") : null;
    if (key && key !== sessionKey) {
      sessionKey = key;
      sessionStarted = Date.now();
      sessionMinutes = parseInt(note.getAttribute("data-session-minutes"), 10) || 0;
    }
    tick();
  }

  function resetTimer() {
    started = sessionStarted = Date.now();
    tick();
  }

  function tick() {
    if (!isPresenter) return;
    var now = Date.now();
    if (elapsedOut) elapsedOut.textContent = minutesAndSeconds(now - started);
    var inSession = now - sessionStarted;
    if (sessionOut) sessionOut.textContent = minutesAndSeconds(inSession);
    var over = sessionMinutes > 0 && inSession > sessionMinutes * 60000;
    if (sessionOut) sessionOut.classList.toggle("is-over", over);
    if (overOut) overOut.textContent = over ? "(" + (body.getAttribute("data-over-time") || "") + ")" : "";
    var d = new Date();
    if (clockOut) clockOut.textContent = window.SamlingClock.time(d);
  }

  if (isPresenter) {
    window.setInterval(tick, 1000);
  }

  show(fromHash() || 1, "load");
  // The presenter view tells the audience view where it is; a reloaded or second audience view tells no one.
  if (isPresenter) tell(current);
  window.setTimeout(function () {
    slides.forEach(fit); // ready for printing, whichever slide is showing
  }, 0);
})();
