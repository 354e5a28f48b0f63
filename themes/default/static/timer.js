/* Samling's group-work timer on slides, and the presenter view's ahead/behind indicator.
 *
 * A slide with `<!-- timer: 5 min -->` carries its length in seconds (data-timer); nothing here
 * reads the written form. A timer's state is {running, endsAt} or {remaining}: each window
 * computes what it shows from its own clock, so the audience and presenter windows agree without
 * sending ticks. State goes to the other window through slides.js's channel (postMessage to the
 * window that opened or was opened, BroadcastChannel where the origin allows it), handed over as
 * "samling:timer-out" / "samling:timer-in" events. Plain JavaScript, works from file://.
 */
(function () {
  "use strict";

  var doc = document;
  var body = doc.body;
  var deckKey = body.getAttribute("data-deck") || "";
  var status = doc.querySelector("[data-timer-status]");
  var timers = {}; // slide number → its timer
  var lastUsed = 0; // the slide whose timer was last started or paused: `t` on a slide without one acts on it
  var soundOn = false;
  var audio = null;

  function word(name) {
    return (status && status.getAttribute("data-" + name)) || "";
  }

  function clock(ms) {
    var s = Math.max(0, Math.ceil(ms / 1000));
    var h = Math.floor(s / 3600);
    var m = Math.floor((s % 3600) / 60);
    var rest = ("0" + (s % 60)).slice(-2);
    return h ? h + ":" + ("0" + m).slice(-2) + ":" + rest : m + ":" + rest;
  }

  Array.prototype.forEach.call(doc.querySelectorAll(".deck-slide[data-slide] .deck-timer[data-timer]"), function (el) {
    var n = parseInt(el.closest(".deck-slide").getAttribute("data-slide"), 10);
    var seconds = parseInt(el.getAttribute("data-timer"), 10);
    if (!(n > 0) || !(seconds > 0) || timers[n]) return;
    timers[n] = { n: n, el: el, duration: seconds * 1000, running: false, endsAt: 0, remaining: seconds * 1000, ended: false };
    Array.prototype.forEach.call(el.querySelectorAll("[data-timer-action]"), function (button) {
      button.hidden = false;
    });
  });

  function left(t) {
    return t.running ? Math.max(0, t.endsAt - Date.now()) : t.remaining;
  }

  function announce(text) {
    if (status) status.textContent = text;
  }

  /* Show a timer as its state says; `heard` is true when the state changed here, by tick or by hand. */
  function render(t, heard) {
    var ms = left(t);
    if (t.running && ms <= 0) {
      t.running = false;
      t.remaining = 0;
    }
    var ended = !t.running && t.remaining <= 0;
    if (ended && !t.ended) {
      announce(word("ended"));
      if (heard) tone();
    }
    t.ended = ended;
    t.el.querySelector("[data-timer-display]").textContent = clock(ms);
    t.el.classList.toggle("is-running", t.running);
    t.el.classList.toggle("is-ended", ended);
    var toggle = t.el.querySelector('[data-timer-action="toggle"]');
    toggle.textContent = word(t.running ? "pause" : "start");
  }

  function send(t) {
    var message = { samling: "timer", deck: deckKey, slide: t.n, running: t.running, endsAt: t.endsAt, remaining: t.remaining };
    doc.dispatchEvent(new CustomEvent("samling:timer-out", { detail: message }));
  }

  function start(t) {
    if (t.remaining <= 0) t.remaining = t.duration; // a timer that has run out starts again from the top
    t.running = true;
    t.endsAt = Date.now() + t.remaining;
    announce(word("running").replace("{time}", clock(t.remaining)));
  }

  function pause(t) {
    t.remaining = left(t);
    t.running = false;
    announce(word("paused").replace("{time}", clock(t.remaining)));
  }

  function act(t, what) {
    if (what === "toggle") {
      if (t.running) pause(t);
      else start(t);
    } else if (what === "reset") {
      t.running = false;
      t.remaining = t.duration;
      t.ended = false;
      announce(word("paused").replace("{time}", clock(t.remaining)));
    }
    lastUsed = t.n;
    render(t, true);
    send(t);
  }

  /* A state from the other window: trusted only as far as its shape. */
  doc.addEventListener("samling:timer-in", function (event) {
    var data = event.detail || {};
    if (data.hello) {
      Object.keys(timers).forEach(function (n) {
        var t = timers[n];
        if (t.running || t.remaining !== t.duration) send(t);
      });
      return;
    }
    var t = timers[data.slide];
    if (!t || typeof data.running !== "boolean" || !isFinite(data.endsAt) || !isFinite(data.remaining)) return;
    t.running = data.running;
    t.endsAt = Number(data.endsAt);
    t.remaining = Math.min(Math.max(Number(data.remaining), 0), t.duration);
    if (t.running || t.remaining === t.duration) t.ended = false;
    lastUsed = t.n;
    render(t, false);
  });

  /* --- sound: a short tone made here (WebAudio), off until asked for ------------------------ */
  function setSound(on) {
    soundOn = on;
    if (on && !audio) {
      var Context = window.AudioContext || window.webkitAudioContext;
      try {
        audio = Context ? new Context() : null; // made on a key press or click, so the browser allows it
      } catch (e) {
        audio = null;
      }
    }
    Array.prototype.forEach.call(doc.querySelectorAll('[data-timer-action="sound"]'), function (button) {
      button.setAttribute("aria-pressed", on ? "true" : "false");
    });
  }

  function tone() {
    if (!soundOn || !audio) return;
    try {
      [0, 0.35].forEach(function (offset) {
        var at = audio.currentTime + offset;
        var osc = audio.createOscillator();
        var gain = audio.createGain();
        osc.frequency.value = 880;
        gain.gain.setValueAtTime(0.0001, at);
        gain.gain.exponentialRampToValueAtTime(0.3, at + 0.02);
        gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.3);
        osc.connect(gain);
        gain.connect(audio.destination);
        osc.start(at);
        osc.stop(at + 0.32);
      });
    } catch (e) {
      /* no sound is no failure */
    }
  }

  /* --- input ------------------------------------------------------------------------------------ */
  function currentSlide() {
    var el = doc.querySelector(".deck-slide.is-current");
    return el ? parseInt(el.getAttribute("data-slide"), 10) : 0;
  }

  function target() {
    return timers[currentSlide()] || timers[lastUsed] || null;
  }

  doc.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    var el = event.target;
    if (el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName))) return;
    var t = target();
    if (!t) return;
    if (event.key === "t" && !event.shiftKey) act(t, "toggle");
    else if (event.key === "T" && event.shiftKey) act(t, "reset");
    else if (event.key === "a" || event.key === "A") setSound(!soundOn);
    else return;
    event.preventDefault();
  });

  doc.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-timer-action]");
    var slide = button && button.closest(".deck-slide");
    var t = slide && timers[parseInt(slide.getAttribute("data-slide"), 10)];
    if (!t) return;
    var what = button.getAttribute("data-timer-action");
    if (what === "sound") setSound(!soundOn);
    else act(t, what);
  });

  /* --- the presenter view: ahead of or behind the agenda ------------------------------------ */
  var schedule = doc.querySelector("[data-schedule]");
  var delta = doc.querySelector("[data-schedule-delta]");

  function updateSchedule() {
    if (!schedule || !delta) return;
    var note = doc.querySelector(".presenter-notes.is-current[data-planned-at]");
    schedule.hidden = !note;
    if (!note) return;
    // The agenda expects this slide at data-planned-at (the session's start plus the slide's share of it).
    var late = Date.now() - parseInt(note.getAttribute("data-planned-at"), 10);
    var minutes = Math.round(Math.abs(late) / 60000);
    var text = minutes < 1 ? delta.getAttribute("data-on-time") : delta.getAttribute(late > 0 ? "data-behind" : "data-ahead");
    delta.textContent = (text || "").replace("{n}", minutes);
    delta.classList.toggle("is-over", late > 0 && minutes >= 1);
  }

  function tick() {
    Object.keys(timers).forEach(function (n) {
      if (timers[n].running) render(timers[n], true);
    });
    updateSchedule();
  }

  if (schedule && typeof MutationObserver === "function") {
    // Follow the presenter's slide at once, not at the next tick.
    new MutationObserver(updateSchedule).observe(doc.querySelector(".presenter-grid") || body, {
      attributes: true,
      attributeFilter: ["class"],
      subtree: true,
    });
  }
  Object.keys(timers).forEach(function (n) {
    render(timers[n], false);
  });
  updateSchedule();
  window.setInterval(tick, 250);
  // A window that opens late asks the other for the timers already in use.
  doc.dispatchEvent(new CustomEvent("samling:timer-out", { detail: { samling: "timer", deck: deckKey, hello: true } }));
})();
