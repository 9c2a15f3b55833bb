// naravard: the worksheet page watches its connection to the kernel and the server, says at
// once in Swedish when it is lost, and keeps what was typed until the kernel confirms it saved.
//
// Loaded in the page's <head> by the Voilà template (templates/naravard/index.html.j2) before
// Voilà's own scripts, so that it sees the kernel's websocket. Offline: no external requests.
//
// * The kernel's websocket closing (server stopped), a "restarting"/"dead" status on it (kernel
//   killed) or a failed periodic check of /api/kernels/<id> shows a fixed role="alert" banner and
//   disables every field: nothing typed after that is silently sent nowhere.
// * Every keystroke in an autosaved field (class naravard-key-<key>) is kept in localStorage
//   until the status line confirms that exact text as saved (data-key, data-hash = CRC-32 of
//   the text). The banner's promise "Det du skrev före kl. … är sparat" is the time of the last
//   confirmed keystroke (or now, when nothing is waiting).
// * After a reload, text that never reached the kernel is offered back at its field:
//   "Sätt tillbaka" types it in again (and so saves it), "Släng" forgets it. Offering instead of
//   writing it back silently leaves the choice to the participant when someone else has
//   changed the same field meanwhile.
(function () {
  "use strict";
  if (window.__naravardConnection) return;
  // What the page knows about its connection (read by the browser tests).
  window.__naravardConnection = {
    state: function () {
      return { kernelId: kernelId, lost: lost, confirmedAt: confirmedAt && confirmedAt.getTime(),
               pending: load(), page: PAGE, observing: observing };
    },
  };

  const CHECK_MS = 4000;
  const params = new URLSearchParams(window.location.search);
  const workshop = (params.get("workshop") || "exempel").trim().toLowerCase();
  const sheet = window.location.pathname.split("/").pop().replace(/\.ipynb$/, "");
  const STORE = "naravard:ej-sparat:" + workshop + ":" + sheet;
  const PAGE = Math.random().toString(36).slice(2);
  let kernelId = null;
  let lost = false;
  let leaving = false;
  let confirmedAt = null;
  let observing = false;

  // -- what was typed and not yet confirmed -------------------------------------------------
  function load() {
    try {
      return JSON.parse(window.localStorage.getItem(STORE) || "{}") || {};
    } catch (e) {
      return {};
    }
  }
  function save(pending) {
    try {
      if (Object.keys(pending).length) window.localStorage.setItem(STORE, JSON.stringify(pending));
      else window.localStorage.removeItem(STORE);
    } catch (e) {
      /* storage full or blocked: the banner still tells the truth */
    }
  }
  const TABLE = new Uint32Array(256).map(function (_, n) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  function crc32(text) {
    const bytes = new TextEncoder().encode(text);
    let c = 0xffffffff;
    for (let i = 0; i < bytes.length; i++) c = TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
    return ((c ^ 0xffffffff) >>> 0).toString(16).padStart(8, "0");
  }
  function keyOf(el) {
    const host = el && el.closest ? el.closest('[class*="naravard-key-"]') : null;
    if (!host) return null;
    const m = /(?:^|\s)naravard-key-([0-9a-f]+)/.exec(host.className);
    return m ? m[1] : null;
  }
  function clock(date) {
    const two = function (n) { return String(n).padStart(2, "0"); };
    return two(date.getHours()) + "." + two(date.getMinutes()) + "." + two(date.getSeconds());
  }
  // The status widget's content (not the widget itself, whose view keeps a reference to it).
  function statusLines(html) {
    document.querySelectorAll(".naravard-status").forEach(function (status) {
      (status.querySelector(".widget-html-content") || status).innerHTML = html;
    });
  }
  function waitingHere(pending) {
    return Object.keys(pending).filter(function (k) { return pending[k].page === PAGE; });
  }

  document.addEventListener("input", function (ev) {
    const el = ev.target;
    if (lost || !el || !el.matches || !el.matches("input, textarea")) return;
    const key = keyOf(el);
    if (!key) return;
    const pending = load();
    const now = Date.now();
    pending[key] = { v: el.value, t: now, page: PAGE };
    save(pending);
    const sent = recent[key] || (recent[key] = []);
    sent.push({ h: crc32(el.value), t: now });
    if (sent.length > 200) sent.shift();
    statusLines('<span class="naravard-info naravard-saving">Sparar …</span>');
  }, true);

  // Per field, the texts this page sent (hash and time), so that a confirmation of an earlier
  // keystroke moves the banner's promise up to the time that text was typed.
  const recent = {};

  function confirmed(span) {
    const pending = load();
    const key = span.getAttribute("data-key");
    const hash = span.getAttribute("data-hash");
    const sent = (key && recent[key]) || [];
    const index = sent.findIndex(function (item) { return item.h === hash; });
    if (index >= 0) {
      const typedAt = new Date(sent[index].t);
      if (!confirmedAt || typedAt > confirmedAt) confirmedAt = typedAt;
      recent[key] = sent.slice(index + 1);
    }
    if (key && hash && pending[key] && crc32(pending[key].v) === hash) {
      delete pending[key];
      save(pending);
    } else if (key && pending[key] && pending[key].page === PAGE && span.parentElement) {
      // An earlier keystroke of this field is saved; the newest is still on its way.
      span.parentElement.innerHTML = '<span class="naravard-info naravard-saving">Sparar …</span>';
    }
    if (!waitingHere(pending).length) confirmedAt = new Date();
  }

  // -- offering back what the last page could not save -------------------------------------
  function offer(host, key) {
    const pending = load();
    const item = pending[key];
    if (!item || item.page === PAGE || host.querySelector(".naravard-restore")) return;
    const field = host.querySelector("input, textarea");
    if (!field) return;
    if (field.value === item.v) {
      delete pending[key];
      save(pending);
      return;
    }
    const box = document.createElement("div");
    box.className = "naravard-restore";
    box.setAttribute("role", "status");
    const text = document.createElement("p");
    text.textContent = "Det här skrev du i fältet men det hann inte sparas innan anslutningen " +
      "bröts (kl. " + clock(new Date(item.t)) + "):";
    const quote = document.createElement("blockquote");
    quote.textContent = item.v;
    const put = document.createElement("button");
    put.type = "button";
    put.className = "jupyter-button naravard-restore-put";
    put.textContent = "Sätt tillbaka";
    const drop = document.createElement("button");
    drop.type = "button";
    drop.className = "jupyter-button naravard-restore-drop";
    drop.textContent = "Släng";
    put.addEventListener("click", function () {
      field.value = item.v;
      field.dispatchEvent(new Event("input", { bubbles: true }));
      field.dispatchEvent(new Event("change", { bubbles: true }));
      box.remove();
    });
    drop.addEventListener("click", function () {
      const now = load();
      delete now[key];
      save(now);
      box.remove();
    });
    box.append(text, quote, put, drop);
    host.insertAdjacentElement("afterend", box);
  }

  function scan(node) {
    if (!node || node.nodeType !== 1) return;
    const spans = node.matches(".naravard-ok[data-n]") ? [node] : [];
    node.querySelectorAll(".naravard-ok[data-n]").forEach(function (s) { spans.push(s); });
    spans.forEach(confirmed);
    const hosts = node.matches('[class*="naravard-key-"]') ? [node] : [];
    node.querySelectorAll('[class*="naravard-key-"]').forEach(function (h) { hosts.push(h); });
    hosts.forEach(watchField);
  }

  const seen = new WeakSet();
  function watchField(host) {
    if (seen.has(host)) return;
    seen.add(host);
    const key = keyOf(host);
    if (key) setTimeout(function () { offer(host, key); }, 300);
  }

  // -- noticing a lost connection ------------------------------------------------------------
  function lose(reason) {
    if (lost || leaving) return;
    lost = true;
    const pending = load();
    const waiting = waitingHere(pending).length;
    const banner = document.createElement("div");
    banner.className = "naravard-connection-lost";
    banner.setAttribute("role", "alert");
    banner.setAttribute("data-reason", reason);
    const first = document.createElement("strong");
    first.textContent = "Anslutningen till servern bröts.";
    const promise = document.createElement("span");
    promise.className = "naravard-connection-promise";
    promise.textContent = confirmedAt
      ? " Det du skrev före kl. " + clock(confirmedAt) + " är sparat."
      : " Inget av det du skrev på den här sidan hann sparas.";
    const rest = document.createElement("span");
    rest.textContent = (waiting
      ? " Det du skrev efter det finns kvar i den här webbläsaren och erbjuds tillbaka när " +
        "sidan har laddats om."
      : "") +
      " Ladda om sidan för att fortsätta; går det inte är servern stoppad – säg till " +
      "facilitatorn.";
    const reload = document.createElement("button");
    reload.type = "button";
    reload.className = "naravard-reload";
    reload.textContent = "Ladda om sidan";
    reload.addEventListener("click", function () { window.location.reload(); });
    banner.append(first, promise, rest, " ", reload);
    banner.style.cssText = "position:fixed;top:0;left:0;right:0;z-index:10000;padding:.8rem 1rem;" +
      "background:#8a1c1c;color:#fff;font:16px/1.4 system-ui,sans-serif;" +
      "box-shadow:0 2px 6px rgba(0,0,0,.3)";
    reload.style.cssText = "margin-left:.5rem;font:inherit;padding:.2rem .8rem;cursor:pointer";
    document.body.appendChild(banner);
    document.body.classList.add("naravard-offline");
    document.querySelectorAll("input, textarea, select, button").forEach(function (el) {
      if (el !== reload) el.disabled = true;
    });
    statusLines('<span class="naravard-error">Inte ansluten: ändringar sparas inte förrän ' +
      "sidan har laddats om.</span>");
  }

  function inspect(data) {
    let text = "";
    if (typeof data === "string") text = data.length < 200000 ? data : "";
    else if (data instanceof ArrayBuffer && data.byteLength < 200000) {
      text = new TextDecoder("utf-8", { fatal: false }).decode(data);
    }
    if (text.indexOf('"status"') < 0) return;
    if (/"msg_type"\s*:\s*"status"/.test(text) &&
        /"execution_state"\s*:\s*"(restarting|autorestarting|dead)"/.test(text)) {
      lose("kernel");
    }
  }

  const Native = window.WebSocket;
  function Watched(url, protocols) {
    const ws = protocols === undefined ? new Native(url) : new Native(url, protocols);
    const m = /\/api\/kernels\/([0-9a-f-]{36})\/channels/.exec(String(url));
    if (m) {
      kernelId = m[1];
      ws.addEventListener("message", function (ev) { inspect(ev.data); });
      ws.addEventListener("close", function () {
        setTimeout(function () { lose("server"); }, 250);
      });
    }
    return ws;
  }
  Watched.prototype = Native.prototype;
  ["CONNECTING", "OPEN", "CLOSING", "CLOSED"].forEach(function (k) { Watched[k] = Native[k]; });
  window.WebSocket = Watched;

  function baseUrl() {
    const config = document.getElementById("jupyter-config-data");
    try {
      return (config && JSON.parse(config.textContent).baseUrl) || "/";
    } catch (e) {
      return "/";
    }
  }
  function check() {
    if (lost || leaving || !kernelId) return;
    fetch(baseUrl() + "api/kernels/" + kernelId, { cache: "no-store", credentials: "same-origin" })
      .then(function (r) {
        if (r.status === 404) lose("kernel");
        else if (r.ok) {
          return r.json().then(function (k) {
            if (k && k.execution_state === "dead") lose("kernel");
          });
        }
      })
      .catch(function () { if (!leaving) lose("server"); });
  }
  setInterval(check, CHECK_MS);

  window.addEventListener("beforeunload", function () { leaving = true; });
  window.addEventListener("pagehide", function () { leaving = true; });

  function start() {
    observing = true;
    // Widgets get their classes after they are in the page: watch class changes too.
    new MutationObserver(function (records) {
      records.forEach(function (r) {
        if (r.type === "attributes") {
          if (/naravard-key-/.test(r.target.className || "")) watchField(r.target);
        } else r.addedNodes.forEach(scan);
      });
    }).observe(document.body, { childList: true, subtree: true, attributes: true,
                                attributeFilter: ["class"] });
    scan(document.body);
  }
  if (document.body) start();
  else document.addEventListener("DOMContentLoaded", start);
})();
