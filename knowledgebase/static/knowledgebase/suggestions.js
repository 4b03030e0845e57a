// Knowledge-base suggestions beside a form (the contact registration).
//
// Markup (rendered by {% kb_suggestions_panel %}):
//   <aside data-kb-suggestions data-kb-source="#id_summary,#id_subject" data-kb-url="/kennisbank/suggesties/"
//          data-kb-channel="#id_channel" data-kb-gap-url="..." data-kb-form="#optional-form"> ... </aside>
//
// Watches the source fields (text inputs, text areas, selects: the chosen option's text),
// waits until typing pauses, fetches the best articles as an HTML fragment and shows them.
// Opening an article's answer links it to the contact: its id goes into the hidden input
// <input type="hidden" name="kb_articles"> inside the form ("12,15"); "helps" / "does not help"
// go into <input type="hidden" name="kb_feedback"> ("12:1,15:0"). Both inputs are created when
// the form has none. No inline script, no third-party code (CSP: script-src 'self').
(function () {
  "use strict";

  var DEBOUNCE_MS = 300;
  var MIN_LENGTH = 3;

  function text(el) {
    if (!el) return "";
    if (el.tagName === "SELECT") {
      var option = el.options[el.selectedIndex];
      return option && option.value ? option.text : "";
    }
    return el.value || "";
  }

  function hiddenInput(form, name) {
    var input = form.querySelector('input[name="' + name + '"]');
    if (!input) {
      input = document.createElement("input");
      input.type = "hidden";
      input.name = name;
      form.appendChild(input);
    }
    return input;
  }

  function Panel(aside) {
    this.aside = aside;
    this.url = aside.getAttribute("data-kb-url");
    this.gapUrl = aside.getAttribute("data-kb-gap-url");
    this.sources = (aside.getAttribute("data-kb-source") || "")
      .split(",")
      .map(function (selector) { return selector.trim() ? document.querySelector(selector.trim()) : null; })
      .filter(Boolean);
    var channelSelector = aside.getAttribute("data-kb-channel");
    this.channel = channelSelector ? document.querySelector(channelSelector) : null;
    var formSelector = aside.getAttribute("data-kb-form");
    this.form = formSelector ? document.querySelector(formSelector) : (this.sources[0] && this.sources[0].form);
    this.results = aside.querySelector("[data-kb-results]");
    this.status = aside.querySelector("[data-kb-status]");
    this.linkedSection = aside.querySelector("[data-kb-linked-section]");
    this.linkedList = aside.querySelector("[data-kb-linked]");
    this.gapButton = aside.querySelector("[data-kb-gap]");
    this.messages = {};
    ["start", "one", "many", "none", "error", "gapSent", "helps", "notHelps"].forEach(function (name) {
      var attribute = "data-kb-msg-" + name.replace(/[A-Z]/g, function (c) { return "-" + c.toLowerCase(); });
      this.messages[name] = aside.getAttribute(attribute) || "";
    }, this);
    this.linked = [];
    this.titles = {};
    this.feedback = {};
    this.opened = {};  // answers the employee opened stay open when the suggestions refresh
    this.timer = null;
    this.controller = null;
    this.lastQuery = null;
    if (!this.form || !this.results || !this.sources.length) return;
    this.articlesInput = hiddenInput(this.form, "kb_articles");
    this.feedbackInput = hiddenInput(this.form, "kb_feedback");
    this.restore();
    this.bind();
    this.schedule(0);
  }

  Panel.prototype.restore = function () {
    var self = this;
    var articles = this.articlesInput.value || this.aside.getAttribute("data-kb-initial-articles") || "";
    var feedback = this.feedbackInput.value || this.aside.getAttribute("data-kb-initial-feedback") || "";
    articles.split(",").forEach(function (id) { if (/^\d+$/.test(id.trim())) self.linked.push(id.trim()); });
    feedback.split(",").forEach(function (pair) {
      var parts = pair.split(":");
      if (parts.length === 2 && /^\d+$/.test(parts[0]) && (parts[1] === "1" || parts[1] === "0")) {
        self.feedback[parts[0]] = parts[1];
      }
    });
    this.linkedList.querySelectorAll("li[data-kb-id]").forEach(function (li) {
      var link = li.querySelector("a");
      self.titles[li.getAttribute("data-kb-id")] = { title: link.textContent, href: link.getAttribute("href") };
    });
    this.store();
  };

  Panel.prototype.bind = function () {
    var self = this;
    this.sources.concat(this.channel ? [this.channel] : []).forEach(function (el) {
      el.addEventListener("input", function () { self.schedule(DEBOUNCE_MS); });
      el.addEventListener("change", function () { self.schedule(0); });
    });
    this.aside.addEventListener("click", function (event) { self.click(event); });
  };

  Panel.prototype.query = function () {
    return this.sources.map(text).join(" ").replace(/\s+/g, " ").trim();
  };

  Panel.prototype.schedule = function (delay) {
    var self = this;
    window.clearTimeout(this.timer);
    this.timer = window.setTimeout(function () { self.fetch(); }, delay);
  };

  Panel.prototype.fetch = function () {
    var self = this;
    var query = this.query();
    var channel = this.channel ? this.channel.value : "";
    var key = query + "\u0000" + channel;
    if (key === this.lastQuery) return;
    this.lastQuery = key;
    this.gapButton.hidden = query.length < MIN_LENGTH;
    if (query.length < MIN_LENGTH) {
      this.results.innerHTML = "";
      this.say(this.messages.start);
      return;
    }
    if (this.controller) this.controller.abort();
    this.controller = window.AbortController ? new AbortController() : null;
    // The text goes in the body, never in the URL: it may say things about the tenant that must
    // not land in server or proxy logs.
    var body = new FormData();
    body.append("q", query);
    if (channel) body.append("channel", channel);
    var token = this.form ? this.form.querySelector('input[name="csrfmiddlewaretoken"]') : null;
    if (token) body.append("csrfmiddlewaretoken", token.value);
    this.aside.setAttribute("aria-busy", "true");
    window.fetch(this.url, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "X-Requested-With": "XMLHttpRequest" },
      signal: this.controller ? this.controller.signal : undefined
    }).then(function (response) {
      if (!response.ok) throw new Error(String(response.status));
      return response.text();
    }).then(function (html) {
      self.results.innerHTML = html;  // a fragment rendered (and escaped) by the server
      self.decorate();
      var list = self.results.querySelector("[data-kb-count]");
      var count = list ? parseInt(list.getAttribute("data-kb-count"), 10) : 0;
      self.say(count === 1 ? self.messages.one : count > 1 ? self.messages.many.replace("%s", count) : self.messages.none);
      self.aside.removeAttribute("aria-busy");
    }).catch(function (error) {
      if (error && error.name === "AbortError") return;
      self.lastQuery = null;
      self.aside.removeAttribute("aria-busy");
      self.say(self.messages.error);
    });
  };

  Panel.prototype.say = function (message) {
    this.status.textContent = message;
  };

  Panel.prototype.item = function (id) {
    return this.results.querySelector('li[data-kb-id="' + id + '"]');
  };

  Panel.prototype.decorate = function () {
    var self = this;
    this.results.querySelectorAll("li[data-kb-id]").forEach(function (li) {
      var id = li.getAttribute("data-kb-id");
      self.titles[id] = { title: li.getAttribute("data-kb-title"), href: li.getAttribute("data-kb-href") };
      var linked = self.linked.indexOf(id) !== -1;
      var opener = li.querySelector("[data-kb-open]");
      var open = Boolean(self.opened[id]);
      opener.setAttribute("aria-expanded", String(open));
      document.getElementById(opener.getAttribute("aria-controls")).hidden = !open;
      li.classList.toggle("kb-linked", linked);
      li.querySelector("[data-kb-linked-badge]").hidden = !linked;
      li.querySelectorAll("[data-kb-helpful]").forEach(function (button) {
        button.setAttribute("aria-pressed", String(self.feedback[id] === button.getAttribute("data-kb-helpful")));
      });
    });
  };

  Panel.prototype.store = function () {
    var self = this;
    this.articlesInput.value = this.linked.join(",");
    this.feedbackInput.value = Object.keys(this.feedback)
      .filter(function (id) { return self.linked.indexOf(id) !== -1; })
      .map(function (id) { return id + ":" + self.feedback[id]; })
      .join(",");
    this.linkedList.textContent = "";
    this.linked.forEach(function (id) {
      var info = self.titles[id];
      if (!info) return;
      var li = document.createElement("li");
      li.setAttribute("data-kb-id", id);
      var link = document.createElement("a");
      link.href = info.href;
      link.target = "_blank";
      link.rel = "noopener";
      link.textContent = info.title;
      var verdict = document.createElement("span");
      verdict.className = "kb-verdict";
      verdict.textContent = self.feedback[id] === "1" ? self.messages.helps : self.feedback[id] === "0" ? self.messages.notHelps : "";
      li.appendChild(link);
      li.appendChild(verdict);
      self.linkedList.appendChild(li);
    });
    this.linkedSection.hidden = this.linked.length === 0;
    this.decorate();
  };

  Panel.prototype.link = function (id) {
    if (this.linked.indexOf(id) === -1) this.linked.push(id);
    this.store();
  };

  Panel.prototype.unlink = function (id) {
    this.linked = this.linked.filter(function (other) { return other !== id; });
    delete this.feedback[id];
    delete this.opened[id];
    this.store();
  };

  Panel.prototype.click = function (event) {
    var target = event.target.closest("button");
    if (!target || !this.aside.contains(target)) return;
    var li = target.closest("li[data-kb-id]");
    var id = li ? li.getAttribute("data-kb-id") : null;
    if (target.hasAttribute("data-kb-open") && id) {
      var answer = document.getElementById(target.getAttribute("aria-controls"));
      var open = target.getAttribute("aria-expanded") !== "true";
      target.setAttribute("aria-expanded", String(open));
      answer.hidden = !open;
      if (open) {
        this.opened[id] = true;
        this.link(id);  // opening the answer means it is being used for this contact
      } else {
        delete this.opened[id];
      }
    } else if (target.hasAttribute("data-kb-helpful") && id) {
      this.feedback[id] = target.getAttribute("data-kb-helpful");
      this.link(id);
    } else if (target.hasAttribute("data-kb-unlink") && id) {
      this.unlink(id);
    } else if (target.hasAttribute("data-kb-gap")) {
      this.reportGap(target);
    }
  };

  Panel.prototype.reportGap = function (button) {
    var self = this;
    var token = this.form.querySelector('input[name="csrfmiddlewaretoken"]');
    var body = new FormData();
    body.append("q", this.query());
    if (token) body.append("csrfmiddlewaretoken", token.value);
    button.disabled = true;
    window.fetch(this.gapUrl, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "X-Requested-With": "XMLHttpRequest" }
    }).then(function (response) {
      self.say(response.ok ? self.messages.gapSent : self.messages.error);
    }).catch(function () {
      self.say(self.messages.error);
    }).then(function () {
      button.disabled = false;
    });
  };

  function start() {
    document.querySelectorAll("aside[data-kb-suggestions]").forEach(function (aside) {
      if (!aside.kbPanel) aside.kbPanel = new Panel(aside);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
