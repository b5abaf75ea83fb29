// "Report a mistake" (overrides/partials/report.html): the correction form's "Where is it?" is
// the page's address; here, the part the reader landed on or last went to (its fragment), kept
// up to date as they follow links within the page; on the 404 page, the address not found.
(() => {
  const link = document.querySelector(".report-mistake > a");
  if (!link) return;
  const form = new URL(link.href);
  const page = document.querySelector("link[rel=canonical]")?.href;
  const follow = () => {
    form.searchParams.set("where", page ? new URL(location.hash, page).href : location.href);
    link.href = form.href;
  };
  follow();
  addEventListener("hashchange", follow);
})();
