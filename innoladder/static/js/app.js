// Parts of a page loaded as fragments (htmx): when one fails, say so instead of "加载中…" forever.
(function () {
  function showFailure(event) {
    var el = event.detail && event.detail.elt;
    if (!el || !el.dataset || !el.dataset.fragmentError) return;
    el.removeAttribute("aria-busy");
    el.className = "alert alert-warning small";
    el.textContent = el.dataset.fragmentError;
  }
  document.addEventListener("htmx:responseError", showFailure);
  document.addEventListener("htmx:sendError", showFailure);
})();
