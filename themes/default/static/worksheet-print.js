/* A filled-in worksheet prints every word. A text area prints only the part of its text that is
   scrolled into view, and a text field one line: so each field's text is copied into a print-only
   block after it (.ws-answer), which grows with the text and flows across pages; on paper
   worksheet.css shows that block instead of the field and its blank lines. Kept up to date as the
   participant types, when the page is printed, and after any click (the Clear button empties the
   fields without an input event). Screen readers keep the field: the copy is aria-hidden. */
(function () {
  "use strict";
  var selector = ".ws-sheet textarea, .ws-sheet input[type='text']";

  function copyOf(field) {
    var next = field.nextElementSibling;
    if (next && next.classList.contains("ws-answer")) return next;
    if (!field.value) return null;
    var copy = document.createElement("div");
    copy.className = "ws-answer" + (field.tagName === "TEXTAREA" ? " ws-answer-text" : " ws-answer-line");
    if (field.classList.contains("ws-box")) copy.className += " ws-answer-box";
    copy.setAttribute("aria-hidden", "true");
    // A short answer keeps the room the sheet gave the field; a long one grows past it.
    if (field.style.height) copy.style.minHeight = field.style.height;
    field.parentNode.insertBefore(copy, field.nextSibling);
    return copy;
  }

  function mirror(field) {
    var copy = copyOf(field);
    if (!copy) return;
    if (copy.textContent !== field.value) copy.textContent = field.value;
    field.classList.toggle("ws-answered", field.value !== "");
  }

  function mirrorAll() {
    document.querySelectorAll(selector).forEach(mirror);
  }

  mirrorAll(); // after worksheet.js has restored what was kept
  document.addEventListener("input", function (event) {
    if (event.target.matches && event.target.matches(selector)) mirror(event.target);
  });
  document.addEventListener("click", mirrorAll);
  window.addEventListener("beforeprint", mirrorAll);
  if (window.matchMedia) {
    var print = window.matchMedia("print");
    var onChange = function (event) {
      if (event.matches) mirrorAll();
    };
    if (print.addEventListener) print.addEventListener("change", onChange);
    else if (print.addListener) print.addListener(onChange);
  }
})();
