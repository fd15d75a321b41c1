// tide console: the little script the pages need beside htmx. A form sent
// once is not sent twice by a second click while the first is on its way.
document.addEventListener("submit", function (e) {
  var button = e.target.querySelector("button[type=submit]");
  if (button) {
    setTimeout(function () { button.disabled = true; }, 0);
  }
});
// A page restored from the back/forward cache may show a stale list.
window.addEventListener("pageshow", function (e) {
  if (e.persisted) {
    window.location.reload();
  }
});
