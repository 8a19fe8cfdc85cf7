// Keyboard users of the job search: ticking a filter reloads the page (search.js), which
// would send focus back to the top of the document and make them Tab through the header
// again. Remember the control that changed and focus it again once the new page loads.
(function () {
  "use strict";
  var KEY = "autosubmit-focus";
  var CONTROLS = "input[type=checkbox], input[type=radio], select";

  document.addEventListener("change", function (event) {
    var control = event.target;
    if (!control.closest || !control.closest("form[data-autosubmit]")) return;
    if (!control.matches(CONTROLS)) return;
    try {
      sessionStorage.setItem(KEY, JSON.stringify({
        path: window.location.pathname,
        name: control.name,
        value: control.tagName === "SELECT" ? null : control.value
      }));
    } catch (e) { /* private mode: focus simply starts at the top */ }
  }, true);

  var saved = null;
  try {
    saved = JSON.parse(sessionStorage.getItem(KEY) || "null");
    sessionStorage.removeItem(KEY);
  } catch (e) { return; }
  if (!saved || saved.path !== window.location.pathname || !saved.name) return;
  var selector = "[name=\"" + CSS.escape(saved.name) + "\"]";
  if (saved.value !== null) selector += "[value=\"" + CSS.escape(saved.value) + "\"]";
  var target = Array.prototype.find.call(document.querySelectorAll(selector), function (el) {
    return el.matches(CONTROLS);
  });
  if (target && target.offsetParent !== null) target.focus();
})();
