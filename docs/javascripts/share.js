// Share controls. Every section, paragraph and call has a permalink (hooks/permalinks.py);
// a click copies the full address of that part, or opens the share sheet on a phone.
// Without JavaScript the permalinks stay plain links.
(() => {
  const canonical = document.querySelector("link[rel=canonical]")?.href ?? location.href;
  const share = "share" in navigator && matchMedia("(pointer: coarse)").matches;

  // Material's dialog is the visible confirmation; as a status region, screen readers hear it.
  const dialog = document.querySelector(".md-dialog");
  dialog.id = "share-status";
  dialog.setAttribute("role", "status");
  let hide;
  function announce(message) {
    dialog.firstElementChild.textContent = message;
    dialog.classList.add("md-dialog--active");
    clearTimeout(hide);
    hide = setTimeout(() => dialog.classList.remove("md-dialog--active"), 3000);
  }

  for (const link of document.querySelectorAll("a.share-link")) {
    const label = link.title.replace(/^Link/, share ? "Share a link" : "Copy a link");
    link.title = label;
    link.setAttribute("aria-label", label);
  }

  // On a phone the table of contents is in a drawer: following one of its links closes it,
  // so that the reader sees where the link lands.
  document.querySelector(".md-sidebar--primary")?.addEventListener("click", (event) => {
    if (event.target.closest?.("a[href^='#']")) document.getElementById("__drawer").checked = false;
  });

  document.addEventListener("click", async (event) => {
    const link = event.target.closest?.("a.share-link");
    if (!link) return;
    event.preventDefault();
    const url = new URL(link.hash, canonical).href;
    if (share) {
      // The reader may close the sheet without sharing: nothing to report then.
      await navigator.share({ title: document.title, url }).catch(() => {});
      return;
    }
    try {
      await navigator.clipboard.writeText(url);
      announce("Link copied to the clipboard");
    } catch {
      announce(`Copy this link: ${url}`);
    }
  });
})();
