/* Samling participant list: filter the table by day and by organisation.
 *
 * Progressive enhancement: without this the page is the complete table, sorted. With it, the two
 * labelled selects (hidden until this runs) hide the rows that do not match, and a status line
 * read out by screen readers says how many are shown. No network, no modules: works from file://.
 */
(function () {
  "use strict";

  var form = document.querySelector(".participant-filter");
  var table = document.querySelector("table.participants");
  if (!form || !table) return;
  var rows = Array.prototype.slice.call(table.tBodies[0].rows);
  var day = form.querySelector("#filter-day");
  var organisation = form.querySelector("#filter-org");
  var status = form.querySelector(".filter-status");
  var template = form.getAttribute("data-shown");

  function apply() {
    var shown = 0;
    rows.forEach(function (row) {
      var days = (row.getAttribute("data-days") || "").split(" ");
      var ok = (!day.value || days.indexOf(day.value) >= 0) &&
        (!organisation.value || row.getAttribute("data-organisation") === organisation.value);
      row.hidden = !ok;
      if (ok) shown += 1;
    });
    status.textContent = template.replace("{shown}", String(shown)).replace("{total}", String(rows.length));
  }

  day.addEventListener("change", apply);
  organisation.addEventListener("change", apply);
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.hidden = false;
  apply();
})();
