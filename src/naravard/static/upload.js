// A file picker that refuses files over the size limit in the browser, before anything is
// sent, and sends accepted files to the kernel as one binary buffer (works inside Voilà).
function render({ model, el }) {
  const input = document.createElement("input");
  input.type = "file";
  input.style.display = "none";
  input.className = "naravard-upload-input";
  const button = document.createElement("button");
  button.className = "jupyter-button widget-button naravard-upload";
  const sync = () => {
    button.textContent = model.get("label");
    input.accept = model.get("accept");
    button.disabled = model.get("busy");
  };
  sync();
  model.on("change:label", sync);
  model.on("change:accept", sync);
  model.on("change:busy", sync);
  button.addEventListener("click", () => input.click());
  input.addEventListener("change", async () => {
    const file = input.files && input.files[0];
    input.value = "";
    if (!file) return;
    if (file.size > model.get("max_bytes")) {
      model.send({ type: "too_large", name: file.name, size: file.size });
      return;
    }
    const buffer = await file.arrayBuffer();
    model.send({ type: "file", name: file.name, size: file.size }, undefined, [buffer]);
  });
  el.appendChild(button);
  el.appendChild(input);
}

export default { render };
