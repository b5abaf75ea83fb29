// Share controls. Every part with an ID has a permalink (statement_site/markdown/share.py);
// a click copies the full address of that part, or opens the share sheet on a phone (and
// copies where the phone's browser turns the sheet down).
// Without JavaScript the permalinks stay plain links. Run after Material's bundle, once the
// page has painted (overrides/partials/javascripts/bundle.html).
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

  // Where the control opens the share sheet, its name says so (statement_site/markdown/share.py names each).
  if (share)
    for (const link of document.querySelectorAll("a.share-link"))
      link.setAttribute("aria-label", link.getAttribute("aria-label").replace(/^Copy link/, "Share link"));

  document.addEventListener("click", async (event) => {
    const link = event.target.closest?.("a.share-link");
    if (!link) return;
    event.preventDefault();
    // The part's share address, whose preview card shows that part (statement_site/steps/share_pages.py);
    // else (a page without share pages) the address of the part in the page.
    const url = link.dataset.shareUrl ?? new URL(link.hash, canonical).href;
    if (share) {
      try {
        await navigator.share({ title: document.title, url });
        return;
      } catch (error) {
        // The reader closed the sheet without sharing: nothing to report then. Any other refusal
        // is the engine's, which may have `navigator.share` and no sheet to show (Firefox on
        // Linux, where Web Share is switched on): copy instead.
        if (error.name === "AbortError") return;
      }
    }
    try {
      await navigator.clipboard.writeText(url);
      announce("Link copied to the clipboard");
    } catch {
      announce(`Copy this link: ${url}`);
    }
  });
})();
