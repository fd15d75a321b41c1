// tide console: the little script the pages need beside htmx. A form sent
// once is not sent twice by a second click while the first is on its way;
// a button with data-busy says what is happening meanwhile (a check of a
// large file takes seconds). A GET form (the filters, whose 导出 downloads
// and leaves the page as it is) changes nothing and stays usable.
document.addEventListener("submit", function (e) {
  if (e.target.method === "get") {
    return;
  }
  var button = e.submitter || e.target.querySelector("button[type=submit]");
  if (button) {
    setTimeout(function () {
      button.disabled = true;
      if (button.dataset.busy) {
        button.textContent = button.dataset.busy;
      }
    }, 0);
  }
});
// A page restored from the back/forward cache may show a stale list.
window.addEventListener("pageshow", function (e) {
  if (e.persisted) {
    window.location.reload();
  }
});
