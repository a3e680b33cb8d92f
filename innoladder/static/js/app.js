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

// Behaviour that templates used to write as inline handlers (onchange=, onsubmit=) or style="" widths,
// which the Content-Security-Policy refuses: data attributes instead, wired up here.
(function () {
  // <select data-autosubmit>: choosing an option submits its form (the language switch).
  document.addEventListener("change", function (event) {
    var el = event.target;
    if (el.matches && el.matches("select[data-autosubmit]") && el.form) el.form.submit();
  });
  // <form data-confirm="…">: ask before submitting (deleting a record).
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.dataset && form.dataset.confirm && !window.confirm(form.dataset.confirm)) event.preventDefault();
  }, true);
  // <a data-history-back>: back to the previous page (its href, the home page, when there is none).
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-history-back]");
    if (link && window.history.length > 1) {
      event.preventDefault();
      window.history.back();
    }
  });
  // <div class="progress-bar" data-percent="40">: the bar's width, on the page and in every htmx swap.
  function widths(root) {
    (root.querySelectorAll ? root : document).querySelectorAll("[data-percent]").forEach(function (bar) {
      bar.style.width = bar.dataset.percent + "%";
    });
    if (root.dataset && root.dataset.percent !== undefined) root.style.width = root.dataset.percent + "%";
  }
  document.addEventListener("DOMContentLoaded", function () { widths(document); });
  document.addEventListener("htmx:load", function (event) { widths(event.detail.elt); });
})();
