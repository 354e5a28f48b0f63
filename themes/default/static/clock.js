/* The site's one clock format in the browser: "09.00" or "09:00", as site.yaml's time_format says.
 *
 * The build writes the separator on <html data-time-separator>, and writes every time in the page
 * with the same rule (generator/domain/clock.py), so a time a script writes reads like the rest.
 * Load it before the scripts that use it: window.SamlingClock.minutes(540) → "09.00".
 */
(function () {
  "use strict";

  function pad(n) {
    return (n < 10 ? "0" : "") + n;
  }

  function separator() {
    return document.documentElement.getAttribute("data-time-separator") || ".";
  }

  /* Minutes after midnight → "09.00"; 1440 is the end of the day ("24.00"), later times wrap to the next day. */
  function minutes(m) {
    m = m > 1440 ? m % 1440 : m;
    return pad(Math.floor(m / 60)) + separator() + pad(m % 60);
  }

  window.SamlingClock = {
    minutes: minutes,
    span: function (start, end) {
      return minutes(start) + "\u2013" + minutes(end);
    },
    /* A Date's wall-clock time on this device, e.g. the presenter's clock. */
    time: function (date) {
      return minutes(date.getHours() * 60 + date.getMinutes());
    },
  };
})();
