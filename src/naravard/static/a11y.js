// Accessibility and presentation mode for the worksheet page (WCAG 2.1 AA; issue 12).
// Loaded by the Voilà template (templates/naravard/index.html.j2) before the widgets are drawn:
// - the status line and each field's message line are live regions, so that "Allt sparat …",
//   refusals and errors are announced by screen readers;
// - a slider's handle is named by the slider's caption;
// - "Presentationsläge" (a button in the corner, remembered in localStorage or set with
//   ?presentation=1 in the address) shows larger type and fewer panels on the shared screen.
(function () {
  "use strict";
  var KEY = "naravard-presentation";

  function live(el, politeness) {
    if (!el.hasAttribute("aria-live")) {
      el.setAttribute("aria-live", politeness);
      if (politeness === "polite") el.setAttribute("role", "status");
    }
  }

  function nameSliders(root) {
    root.querySelectorAll(".widget-slider .noUi-handle:not([aria-label])").forEach(function (h) {
      var box = h.closest(".widget-slider");
      var label = box && box.querySelector(".widget-label");
      var text = label && label.textContent.trim();
      if (text) h.setAttribute("aria-label", text);
    });
  }

  function scrollablesFocusable(root) {
    root.querySelectorAll(".insight-preview:not([tabindex]), .forum-preview:not([tabindex])")
      .forEach(function (el) {
        el.setAttribute("tabindex", "0");
        el.setAttribute("role", "region");
        if (!el.hasAttribute("aria-label")) el.setAttribute("aria-label", "Förhandsvisning");
      });
  }

  // A control that ipywidgets drew without a caption (no description) gets a name from what
  // the participant sees: the caption line above it, its placeholder, or its prompt option
  // ("Välj forum att ändra"). Controls with a description have a real <label for> already.
  function labelText(control) {
    var own = control.id && document.querySelector('label[for="' + CSS.escape(control.id) + '"]');
    if (own && own.textContent.trim() && getComputedStyle(own).display !== "none") return "";
    var box = control.closest(".widget-inline-hbox, .widget-inline-vbox") || control;
    var prev = box.previousElementSibling;
    var caption = prev && prev.querySelector && prev.querySelector(".naravard-label");
    if (caption && caption.textContent.trim()) return caption.textContent.trim();
    if (control.placeholder) return control.placeholder;
    if (control.tagName === "SELECT" && control.options.length) {
      return control.options[0].textContent.trim();
    }
    return control.title || "";
  }

  function nameControls(root) {
    root.querySelectorAll(".naravard-app select:not([aria-label]), " +
                          ".naravard-app input:not([aria-label]):not([type=file]), " +
                          ".naravard-app textarea:not([aria-label])").forEach(function (c) {
      var text = labelText(c);
      if (text) c.setAttribute("aria-label", text);
    });
  }

  // A chart is one image with a text alternative; vega's inner marks are hidden from the
  // accessibility tree (charts drawn by chart.js, and static SVG charts shown as HTML).
  function hideChartInnards(root) {
    root.querySelectorAll(".naravard-app svg.marks:not([aria-hidden]), " +
                          ".naravard-chart[role=img] svg:not([aria-hidden])").forEach(function (s) {
      var host = s.closest(".naravard-chart") || s.parentElement;
      if (host && !host.hasAttribute("role")) {
        var title = s.getAttribute("aria-label") ||
          (s.querySelector(".role-title-text") || {}).textContent || "";
        host.setAttribute("role", "img");
        host.setAttribute("aria-label", title ? "Diagram: " + title : "Diagram");
      }
      s.setAttribute("aria-hidden", "true");
    });
  }

  function fix(root) {
    nameControls(root);
    hideChartInnards(root);
    root.querySelectorAll(".naravard-status").forEach(function (el) { live(el, "polite"); });
    root.querySelectorAll(".naravard-field-message").forEach(function (el) {
      live(el, "polite");
    });
    nameSliders(root);
    scrollablesFocusable(root);
  }

  function presenting() {
    var query = new URLSearchParams(window.location.search).get("presentation");
    if (query === "1" || query === "0") {
      try { localStorage.setItem(KEY, query); } catch (e) { /* private mode */ }
      return query === "1";
    }
    try { return localStorage.getItem(KEY) === "1"; } catch (e) { return false; }
  }

  function setPresenting(on, button) {
    document.body.classList.toggle("naravard-presenting", on);
    button.setAttribute("aria-pressed", on ? "true" : "false");
    try { localStorage.setItem(KEY, on ? "1" : "0"); } catch (e) { /* private mode */ }
  }

  function addToggle() {
    if (document.querySelector(".naravard-present-toggle")) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "naravard-present-toggle";
    button.textContent = "Presentationsläge";
    button.title = "Större text och färre paneler för den gemensamma skärmen";
    button.addEventListener("click", function () {
      setPresenting(!document.body.classList.contains("naravard-presenting"), button);
    });
    document.body.appendChild(button);
    setPresenting(presenting(), button);
  }

  // Focus after a redraw (WCAG 2.4.3). A worksheet that redraws a list after "Lägg till …"
  // replaces the very button or field that had focus, and the browser drops focus to <body>
  // (the top of the page for a keyboard user). Remember what had focus, by kind, accessible
  // name and position among its namesakes; when it leaves the page, focus its successor, or the
  // status line, which says what happened.
  var lastFocus = null;
  var RESTORE_MS = 5000;

  function accessibleName(el) {
    var name = el.getAttribute("aria-label") || "";
    if (!name && el.id) {
      var label = document.querySelector('label[for="' + CSS.escape(el.id) + '"]');
      if (label) name = label.textContent;
    }
    if (!name) name = el.textContent || el.placeholder || el.title || "";
    return name.trim().replace(/\s+/g, " ");
  }

  function namesakes(tag, name) {
    var found = [];
    document.querySelectorAll(".naravard-app " + tag).forEach(function (el) {
      if (accessibleName(el) === name && el.getClientRects().length) found.push(el);
    });
    return found;
  }

  function rememberFocus(event) {
    var el = event.target;
    if (!el || !el.closest || !el.closest(".naravard-app")) return;
    var tag = el.tagName.toLowerCase(), name = accessibleName(el);
    lastFocus = { el: el, tag: tag, name: name, index: namesakes(tag, name).indexOf(el),
                  lost: 0, waiting: false };
  }

  function restoreFocus() {
    if (!lastFocus || lastFocus.el.isConnected) return;
    var active = document.activeElement;
    if (active && active !== document.body && active !== document.documentElement) {
      lastFocus = null;  // the participant has moved on
      return;
    }
    if (!lastFocus.lost) lastFocus.lost = Date.now();
    var twins = namesakes(lastFocus.tag, lastFocus.name);
    var next = twins[Math.min(Math.max(lastFocus.index, 0), twins.length - 1)];
    if (!next && Date.now() - lastFocus.lost > RESTORE_MS) {
      next = document.querySelector(".naravard-app .naravard-status");
      if (next && !next.hasAttribute("tabindex")) next.setAttribute("tabindex", "-1");
    }
    if (next) {
      lastFocus = null;
      next.focus({ preventScroll: false });
    } else if (!lastFocus.waiting) {
      lastFocus.waiting = true;  // the successor may come in a later message
      window.setTimeout(function () {
        if (lastFocus) { lastFocus.waiting = false; restoreFocus(); }
      }, 250);
    }
  }

  function start() {
    addToggle();
    fix(document);
    document.addEventListener("focusin", rememberFocus, true);
    new MutationObserver(function (records) {
      restoreFocus();
      for (var i = 0; i < records.length; i++) {
        if (records[i].addedNodes.length || records[i].type === "attributes") {
          fix(document); return;
        }
      }
    }).observe(document.body, { childList: true, subtree: true, attributes: true,
                                attributeFilter: ["role"] });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
