/* Worksheets on screen: keep what is filled in, in this browser only (localStorage, one entry per
   worksheet), restore it on load, and offer Print and Clear. Nothing is ever sent: there is no form
   to submit and no request here. Without JavaScript the page is still a complete, printable form. */
(function () {
  "use strict";
  var sheet = document.querySelector("[data-worksheet-storage]");
  if (!sheet) return;
  var key = "samling:worksheet:" + sheet.getAttribute("data-worksheet-storage");
  var store = null;
  try {
    store = window.localStorage;
    store.getItem(key);
  } catch (e) {
    store = null; // storage switched off: the form still works, it just is not kept
  }

  function fields() {
    return sheet.querySelectorAll("input[id], textarea[id]");
  }

  function isChoice(el) {
    return el.type === "radio" || el.type === "checkbox";
  }

  function save() {
    if (!store) return;
    var data = {};
    fields().forEach(function (el) {
      if (isChoice(el) ? el.checked : el.value !== "") data[el.id] = isChoice(el) ? true : el.value;
    });
    try {
      if (Object.keys(data).length) store.setItem(key, JSON.stringify(data));
      else store.removeItem(key);
    } catch (e) {
      /* storage full or refused: keep working without it */
    }
  }

  function restore() {
    if (!store) return;
    var data;
    try {
      data = JSON.parse(store.getItem(key) || "{}");
    } catch (e) {
      return;
    }
    fields().forEach(function (el) {
      if (!Object.prototype.hasOwnProperty.call(data, el.id)) return;
      if (isChoice(el)) el.checked = data[el.id] === true;
      else el.value = String(data[el.id]);
    });
  }

  function clear() {
    fields().forEach(function (el) {
      if (isChoice(el)) el.checked = false;
      else el.value = "";
    });
    if (store) store.removeItem(key);
  }

  restore();
  sheet.addEventListener("input", save);
  sheet.addEventListener("change", save);

  var tools = document.querySelector(".ws-tools");
  if (!tools) return;
  var status = tools.querySelector(".ws-status");
  tools.hidden = false;
  tools.querySelector(".ws-print").addEventListener("click", function () {
    window.print();
  });
  tools.querySelector(".ws-clear").addEventListener("click", function () {
    clear();
    if (status) status.textContent = tools.getAttribute("data-cleared");
  });
})();
