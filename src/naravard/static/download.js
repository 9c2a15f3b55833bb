// A button that asks the kernel for a file and saves it in the browser (works inside Voilà,
// where plain file links are refused).
function render({ model, el }) {
  const button = document.createElement("button");
  button.className = "jupyter-button widget-button naravard-download";
  const sync = () => {
    button.textContent = model.get("label");
    button.disabled = model.get("disabled") || model.get("busy");
    button.title = model.get("tooltip") || "";
  };
  sync();
  model.on("change:label", sync);
  model.on("change:disabled", sync);
  model.on("change:busy", sync);
  button.addEventListener("click", () => {
    model.send({ type: "request" });
  });
  model.on("msg:custom", (msg, buffers) => {
    if (!msg || msg.type !== "file") return;
    const blob = new Blob([buffers[0]], { type: msg.mime });
    const url = URL.createObjectURL(blob);
    const a = document.createElement("a");
    a.href = url;
    a.download = msg.filename;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
  });
  el.appendChild(button);
}

export default { render };
