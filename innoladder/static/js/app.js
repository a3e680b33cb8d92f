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

// Searchable picker (core/widgets.py): a click on a match adds it to the chosen rows (or replaces the one
// chosen, for a single choice) as a checked input carrying the field's name; unchecking drops it.
(function () {
  document.addEventListener("click", function (event) {
    var match = event.target.closest && event.target.closest("[data-pick-value]");
    if (!match) return;
    var picker = match.closest("[data-picker]");
    if (!picker) return;
    var chosen = picker.querySelector("[data-picker-chosen]");
    var multiple = picker.hasAttribute("data-picker-multiple");
    var value = match.dataset.pickValue;
    var existing = chosen.querySelector('input[value="' + value + '"]');
    if (existing) { existing.checked = true; return; }
    if (!multiple) chosen.textContent = "";
    var label = document.createElement("label");
    label.className = "badge text-bg-light border fw-normal";
    var input = document.createElement("input");
    input.className = "form-check-input me-1";
    input.type = multiple ? "checkbox" : "radio";
    input.name = picker.dataset.picker;
    input.value = value;
    input.checked = true;
    label.appendChild(input);
    label.appendChild(document.createTextNode(match.dataset.pickLabel));
    chosen.appendChild(label);
  });
})();
