// A button that opens a clean print page in a new browser tab. The tab is opened at the click
// (so that pop-up blockers allow it) and filled with the HTML the kernel sends back.
function render({ model, el }) {
  const button = document.createElement("button");
  button.className = "jupyter-button widget-button naravard-print";
  const sync = () => {
    button.textContent = model.get("label");
    button.disabled = model.get("busy");
    button.title = model.get("tooltip") || "";
  };
  sync();
  model.on("change:label", sync);
  model.on("change:busy", sync);
  let pending = null;
  button.addEventListener("click", () => {
    pending = window.open("", "_blank");
    if (!pending) {
      model.send({ type: "blocked" });
      return;
    }
    pending.document.write("<!DOCTYPE html><html lang='sv'><meta charset='utf-8'>" +
      "<title>Utskriftsvy</title><p style='font-family:sans-serif'>Utskriftsvyn förbereds …</p>");
    model.send({ type: "request" });
  });
  model.on("msg:custom", (msg) => {
    if (!msg || !pending) return;
    if (msg.type === "html") {
      pending.document.open();
      pending.document.write(msg.html);
      pending.document.close();
    } else if (msg.type === "error") {
      pending.close();
    }
    pending = null;
  });
  el.appendChild(button);
}

export default { render };
