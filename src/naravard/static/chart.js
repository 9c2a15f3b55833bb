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

async function render({ model, el }) {
  el.classList.add("naravard-chart");
  let view = null;
  const draw = async () => {
    try {
      const vegaEmbed = await loadEmbed();
      if (view) view.finalize();
      el.innerHTML = "";
      const result = await vegaEmbed(el, model.get("spec"), {
        actions: false,
        renderer: "svg",
        tooltip: { theme: "light" },
      });
      view = result.view;
      el.dataset.rendered = String(Number(el.dataset.rendered || 0) + 1);
    } catch (err) {
      el.textContent = "Diagrammet kunde inte visas. Ladda om sidan; hjälper inte det, be " +
        "facilitatorn titta i terminalen.";
      console.error(err);
    }
  };
  model.on("change:spec", draw);
  await draw();
  return () => { if (view) view.finalize(); };
}

export default { render };
