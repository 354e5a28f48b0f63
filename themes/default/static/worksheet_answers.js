/* Answers as files: "Save answers" downloads the filled sheet as a small JSON file (a Blob and a
   link with `download`: no request, works from file://); "Load answers" fills the sheet from such a
   file. Answers are keyed by the ids the generator wrote into the page (data-answer), never by
   position, so a reordered sheet still takes old answers. The format is in docs/worksheets.md. */
(function () {
  "use strict";
  var sheet = document.querySelector("[data-worksheet-storage]");
  var tools = document.querySelector(".ws-tools");
  if (!sheet || !tools || !window.Blob || !window.FileReader) return;
  var status = tools.querySelector(".ws-status");
  var fileInput = tools.querySelector(".ws-answers-file");

  function say(name) {
    if (status) status.textContent = tools.getAttribute("data-answers-" + name);
  }

  function each(selector, fn) {
    Array.prototype.forEach.call(sheet.querySelectorAll(selector), fn);
  }

  function collect() {
    var header = {};
    each("[data-header]", function (el) {
      header[el.getAttribute("data-header")] = el.value;
    });
    var answers = {};
    each("[data-answer]", function (el) {
      var id = el.getAttribute("data-answer");
      if (el.getAttribute("data-answer-kind") === "matrix") {
        var markers = [];
        el.querySelectorAll("input[type=checkbox]:checked").forEach(function (box) {
          var p = Number(box.getAttribute("data-probability"));
          var c = Number(box.getAttribute("data-consequence"));
          var risks = JSON.parse(box.getAttribute("data-risks") || "[]");
          if (!risks.length) markers.push({ probability: p, consequence: c });
          risks.forEach(function (risk) {
            markers.push({ risk: risk, probability: p, consequence: c });
          });
        });
        if (markers.length) answers[id] = markers;
      } else if (el.tagName === "TEXTAREA" || el.tagName === "INPUT") {
        if (el.value !== "") answers[id] = el.value;
      } else {
        var chosen = el.querySelector("input[type=radio]:checked");
        var comment = el.querySelector(".ws-answer-comment");
        var rating = chosen ? Number(chosen.value) : null;
        if (comment && comment.value !== "") {
          answers[id] = rating === null ? { comment: comment.value } : { rating: rating, comment: comment.value };
        } else if (rating !== null) answers[id] = rating;
      }
    });
    return {
      samling: "answers",
      version: 1,
      worksheet: sheet.getAttribute("data-worksheet-storage"),
      fingerprint: sheet.getAttribute("data-fingerprint"),
      header: header,
      answers: answers,
    };
  }

  function clearAll() {
    each("input, textarea", function (el) {
      if (el.type === "radio" || el.type === "checkbox") el.checked = false;
      else el.value = "";
      el.removeAttribute("data-risks");
    });
  }

  function fillRating(el, value) {
    var rating = value !== null && typeof value === "object" ? value.rating : value;
    var comment = value !== null && typeof value === "object" ? value.comment : null;
    el.querySelectorAll("input[type=radio]").forEach(function (radio) {
      radio.checked = String(rating) === radio.value;
    });
    var line = el.querySelector(".ws-answer-comment");
    if (line && typeof comment === "string") line.value = comment;
  }

  function fillMatrix(el, markers) {
    if (!Array.isArray(markers)) return;
    markers.forEach(function (m) {
      if (!m || typeof m !== "object") return;
      var box = el.querySelector(
        'input[data-probability="' + Number(m.probability) + '"][data-consequence="' + Number(m.consequence) + '"]'
      );
      if (!box) return;
      box.checked = true;
      if (m.risk !== undefined && m.risk !== null && m.risk !== "") {
        var risks = JSON.parse(box.getAttribute("data-risks") || "[]");
        risks.push(m.risk);
        box.setAttribute("data-risks", JSON.stringify(risks));
      }
    });
  }

  function fill(data) {
    clearAll();
    var header = data.header && typeof data.header === "object" ? data.header : {};
    each("[data-header]", function (el) {
      var v = header[el.getAttribute("data-header")];
      if (v !== undefined && v !== null) el.value = String(v);
    });
    var answers = data.answers && typeof data.answers === "object" ? data.answers : {};
    each("[data-answer]", function (el) {
      var id = el.getAttribute("data-answer");
      if (!Object.prototype.hasOwnProperty.call(answers, id)) return;
      var value = answers[id];
      if (el.getAttribute("data-answer-kind") === "matrix") fillMatrix(el, value);
      else if (el.tagName === "TEXTAREA" || el.tagName === "INPUT") el.value = String(value);
      else fillRating(el, value);
    });
    // Let the page keep what was loaded, as if it had been typed (see worksheet.js).
    sheet.dispatchEvent(new Event("change", { bubbles: true }));
  }

  function load(text) {
    var data = null;
    try {
      data = JSON.parse(text);
    } catch (e) {
      data = null;
    }
    if (!data || typeof data !== "object" || data.samling !== "answers") return say("unreadable");
    if (data.worksheet !== sheet.getAttribute("data-worksheet-storage")) return say("other");
    fill(data);
    say(data.fingerprint === sheet.getAttribute("data-fingerprint") ? "loaded" : "changed");
  }

  // A risk loaded into a cell goes with its tick: untick or clear, and it is gone.
  sheet.addEventListener("change", function (event) {
    var box = event.target;
    if (box && box.type === "checkbox" && !box.checked) box.removeAttribute("data-risks");
  });
  tools.querySelector(".ws-clear").addEventListener("click", function () {
    each("[data-risks]", function (el) {
      el.removeAttribute("data-risks");
    });
  });
  tools.querySelector(".ws-save").addEventListener("click", function () {
    var blob = new Blob([JSON.stringify(collect(), null, 2) + "\n"], { type: "application/json" });
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = tools.getAttribute("data-answers-file");
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () {
      URL.revokeObjectURL(link.href);
    }, 0);
  });
  tools.querySelector(".ws-load").addEventListener("click", function () {
    fileInput.click();
  });
  fileInput.addEventListener("change", function () {
    var file = fileInput.files && fileInput.files[0];
    if (!file) return;
    var reader = new FileReader();
    reader.onload = function () {
      load(String(reader.result));
      fileInput.value = "";
    };
    reader.readAsText(file);
  });
})();
