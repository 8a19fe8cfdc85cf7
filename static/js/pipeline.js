// Progressive enhancement for the applicant pipeline; every form works without it.

// "Select all" for the table's checkboxes (the bulk move form).
document.querySelectorAll("[data-select-all]").forEach((master) => {
  const boxes = () => document.querySelectorAll(`input[name=applications][form=${master.dataset.selectAll}]`);
  master.hidden = false;
  master.addEventListener("change", () => {
    boxes().forEach((box) => { box.checked = master.checked; });
  });
});

// A reason is asked for only when the chosen stage is "not selected".
document.querySelectorAll("form[data-stage-form]").forEach((form) => {
  const stage = form.querySelector("select[name=stage]");
  const reason = form.querySelector("select[name=reason]");
  if (!stage || !reason) return;
  const wrapper = reason.closest("[data-reason]") || reason.parentElement;
  const sync = () => {
    const rejecting = stage.value === "rejected";
    wrapper.hidden = !rejecting;
    reason.required = rejecting;
    if (!rejecting) reason.value = "";
  };
  stage.addEventListener("change", sync);
  sync();
});
