// Progressive enhancement for the job search: apply a filter as soon as it is ticked.
// Without JavaScript the "Show jobs" button does the same.
document.addEventListener("change", (event) => {
  const form = event.target.closest("form[data-autosubmit]");
  if (form && event.target.matches("input[type=checkbox], input[type=radio], select")) {
    form.requestSubmit();
  }
});

// On a phone the results come first: the filter panel starts folded.
if (window.matchMedia("(max-width: 799px)").matches) {
  document.querySelectorAll("details[data-collapse-narrow]").forEach((panel) => {
    panel.open = false;
  });
}
