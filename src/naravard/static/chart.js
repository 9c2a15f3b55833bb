// Renders a Vega-Lite spec with the vega bundle served by `naravard serve` (no CDN).
function baseUrl() {
  const el = document.getElementById("jupyter-config-data");
  if (el) {
    try {
      const cfg = JSON.parse(el.textContent);
      if (cfg.baseUrl) return cfg.baseUrl;
    } catch (e) { /* fall through */ }
  }
  return "/";
}

let embedPromise = null;
function loadEmbed() {
  if (!embedPromise) {
    const url = new URL(baseUrl() + "naravard/static/vega.mjs", window.location.origin).href;
    embedPromise = import(url).then((m) => m.default);
  }
  return embedPromise;
}

function titleText(title) {
  if (!title) return "";
  if (typeof title === "string") return title;
  if (Array.isArray(title)) return title.join(" ");
  return titleText(title.text);
}

function axisTitles(spec) {
  const parts = [spec, ...(spec.layer || [])];
  const titles = [];
  for (const part of parts) {
    for (const channel of ["y", "x"]) {
      const t = part.encoding && part.encoding[channel] && titleText(part.encoding[channel].title);
      if (t && !titles.includes(t)) titles.push(t);
    }
  }
  return titles.join(" per ");
}

function chartLabel(spec) {
  // A description (core/charts.py: describe) names the kind of chart itself: "Stapeldiagram: …"
  if (spec.description) return spec.description;
  const text = titleText(spec.title) ||
    (spec.vconcat || spec.hconcat || spec.layer || []).map((s) => titleText(s.title))
      .filter(Boolean).join(". ") || axisTitles(spec);
  return text ? "Diagram: " + text : "Diagram";
}

async function render({ model, el }) {
  el.classList.add("naravard-chart");
  let view = null;
  const draw = async () => {
    const spec = model.get("spec");
    if (model.get("failed")) {
      el.textContent = "Diagrammet kunde inte visas. Ladda om sidan; hjälper inte det, be " +
        "facilitatorn titta i terminalen.";
      return;
    }
    if (!spec || Object.keys(spec).length === 0) {
      // Drawn when shown: the kernel makes the chart once the page displays it.
      el.textContent = "Diagrammet ritas …";
      el.setAttribute("aria-busy", "true");
      return;
    }
    el.removeAttribute("aria-busy");
    try {
      const vegaEmbed = await loadEmbed();
      if (view) view.finalize();
      el.innerHTML = "";
      // One text alternative for the whole chart (WCAG 1.1.1): the container is an image
      // named by the chart's description (or title); vega's own ARIA marks are switched off.
      el.setAttribute("role", "img");
      el.setAttribute("aria-label", chartLabel(spec));
      const shown = Object.assign({}, spec, {
        config: Object.assign({}, spec.config || {}, { aria: false }),
      });
      const result = await vegaEmbed(el, shown, {
        actions: false,
        renderer: "svg",
        tooltip: { theme: "light" },
      });
      view = result.view;
      // vega-embed names its container "Vega visualization" (in English): name it again.
      el.setAttribute("role", "img");
      el.setAttribute("aria-label", chartLabel(spec));
      el.removeAttribute("aria-roledescription");
      const svg = el.querySelector("svg");
      if (svg) svg.setAttribute("aria-hidden", "true");
      el.dataset.rendered = String(Number(el.dataset.rendered || 0) + 1);
    } catch (err) {
      el.textContent = "Diagrammet kunde inte visas. Ladda om sidan; hjälper inte det, be " +
        "facilitatorn titta i terminalen.";
      console.error(err);
    }
  };
  model.on("change:spec", draw);
  model.on("change:failed", draw);
  loadEmbed().catch(() => {});  // fetch the bundle while the kernel makes the chart
  model.send({ type: "shown" });
  await draw();
  return () => { if (view) view.finalize(); };
}

export default { render };
