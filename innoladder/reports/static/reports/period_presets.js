// The period buttons of the report form fill in the start and end dates (was an inline script, which
// the Content-Security-Policy refuses).
document.querySelectorAll("button.preset").forEach(function (b) {
  b.addEventListener("click", function () {
    document.getElementById("id_start").value = b.dataset.start;
    document.getElementById("id_end").value = b.dataset.end;
  });
});
