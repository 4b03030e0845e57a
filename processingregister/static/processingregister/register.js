// Processing register: live countdowns to the 72-hour deadline, and the print button.
// Progressive enhancement: the server renders the same text; without JavaScript it is static.
(function () {
  "use strict";

  function plural(n, one, many) { return n === 1 ? one : many; }

  function render(el) {
    var deadline = Date.parse(el.getAttribute("data-deadline"));
    if (isNaN(deadline)) return;
    var diff = deadline - Date.now();
    var total = Math.floor(Math.abs(diff) / 60000);
    var hours = Math.floor(total / 60);
    var minutes = total % 60;
    var parts = [];
    if (hours) parts.push(hours + " " + plural(hours, el.dataset.hour, el.dataset.hours));
    if (minutes || !hours) {
      parts.push(minutes + " " + plural(minutes, el.dataset.minute, el.dataset.minutes));
    }
    var amount = parts.join(" ");
    var template = diff >= 0 ? el.dataset.left : el.dataset.overdue;
    el.textContent = template.replace("{amount}", amount);
    el.classList.toggle("pr-countdown-overdue", diff < 0);
  }

  document.addEventListener("DOMContentLoaded", function () {
    var clocks = document.querySelectorAll(".pr-countdown[data-deadline]");
    clocks.forEach(render);
    if (clocks.length) {
      window.setInterval(function () { clocks.forEach(render); }, 30000);
    }
    document.querySelectorAll("[data-print]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { window.print(); });
    });
  });
})();
