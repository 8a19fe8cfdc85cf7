// While a CV is being read, ask the server now and then and reload once it is done.
// Without JavaScript the "Refresh" link next to the message does the same.
(function () {
  "use strict";
  var pending = document.querySelectorAll("[data-cv-status-url]");
  if (!pending.length) { return; }
  var tries = 0;
  function check() {
    tries += 1;
    var requests = Array.prototype.map.call(pending, function (element) {
      return fetch(element.getAttribute("data-cv-status-url"), {
        credentials: "same-origin",
        headers: { "Accept": "application/json" }
      }).then(function (response) { return response.ok ? response.json() : { status: "pending" }; });
    });
    Promise.all(requests).then(function (results) {
      if (results.some(function (result) { return result.status !== "pending"; })) {
        window.location.reload();
      } else if (tries < 40) {
        window.setTimeout(check, 3000);
      }
    }).catch(function () { /* the refresh link still works */ });
  }
  window.setTimeout(check, 2000);
})();
