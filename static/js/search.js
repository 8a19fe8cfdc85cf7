// Progressive enhancement for the job search: apply a filter as soon as it is ticked.
// Without JavaScript the "Show jobs" button does the same.
const AUTOSUBMIT_CONTROLS = "input[type=checkbox], input[type=radio], select";
// The reload would send a keyboard user's focus back to the top of the document, to Tab
// through the header again: the control that changed is remembered and focused again.
const FOCUS_KEY = "autosubmit-focus";

document.addEventListener("change", (event) => {
  const control = event.target;
  const form = control.closest("form[data-autosubmit]");
  if (!form || !control.matches(AUTOSUBMIT_CONTROLS)) return;
  try {
    sessionStorage.setItem(FOCUS_KEY, JSON.stringify({
      path: window.location.pathname,
      name: control.name,
      value: control.tagName === "SELECT" ? null : control.value,
    }));
  } catch (e) { /* private mode: focus simply starts at the top */ }
  form.requestSubmit();
});

(function focusTheControlThatChanged() {
  let saved = null;
  try {
    saved = JSON.parse(sessionStorage.getItem(FOCUS_KEY) || "null");
    sessionStorage.removeItem(FOCUS_KEY);
  } catch (e) { return; }
  if (!saved || saved.path !== window.location.pathname || !saved.name) return;
  let selector = `[name="${CSS.escape(saved.name)}"]`;
  if (saved.value !== null) selector += `[value="${CSS.escape(saved.value)}"]`;
  const target = Array.from(document.querySelectorAll(selector))
    .find((element) => element.matches(AUTOSUBMIT_CONTROLS));
  if (target && target.offsetParent !== null) target.focus();
})();

// On a phone the results come first: the filter panel starts folded.
if (window.matchMedia("(max-width: 799px)").matches) {
  document.querySelectorAll("details[data-collapse-narrow]").forEach((panel) => {
    panel.open = false;
  });
}
