// Contact form: show the follow-up fields only for the outcomes that need them.
// Progressive enhancement: without JavaScript every field stays visible and the server validates.
(function () {
  "use strict";
  function update(form) {
    var outcome = form.querySelector("[name=outcome]");
    if (!outcome) return;
    form.querySelectorAll("[data-show-for]").forEach(function (block) {
      var wanted = block.getAttribute("data-show-for").split(" ");
      block.hidden = wanted.indexOf(outcome.value) === -1;
    });
  }
  // Show the purpose and legal basis of the chosen subject (its processing activity).
  function showPurpose(form) {
    var subject = form.querySelector("[name=subject]");
    if (!subject) return;
    form.querySelectorAll("[data-purpose-for]").forEach(function (item) {
      item.hidden = item.getAttribute("data-purpose-for") !== subject.value;
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-contact-form]").forEach(function (form) {
      var outcome = form.querySelector("[name=outcome]");
      if (outcome) outcome.addEventListener("change", function () { update(form); });
      var subject = form.querySelector("[name=subject]");
      if (subject) subject.addEventListener("change", function () { showPurpose(form); });
      update(form);
      showPurpose(form);
    });
  });
})();
