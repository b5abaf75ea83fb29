// The theme switches the palette with Enter; Space, as on any switch, does the same.
document.querySelector("[data-md-component=palette]")?.addEventListener("keydown", (event) => {
  if (event.key !== " " || !event.target.matches(".md-option")) return;
  event.preventDefault();
  event.target.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true }));
});
