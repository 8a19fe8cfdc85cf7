// Progressive enhancement for the job search (templates/jobs/job_list.html). Without
// JavaScript every control still works: "Show jobs", the sort form's button, Save.
//
// With it, a ticked filter or a chosen sort fetches the new results and swaps them into
// the page in place of a reload: the filter panel stays as the person left it (open, on a
// phone), the page keeps its scroll position and focus stays on the control. Save stores
// the job in the background and only its button changes.
const AUTOSUBMIT_CONTROLS = "input[type=checkbox], input[type=radio], select";
// What the new page brings along in <head>: the feed of this search, whether to index it.
const HEAD_PARTS = "link[rel=alternate], link[rel=canonical], meta[name=robots]";

// Told to screen readers: the results heading after a change, the message after a Save.
const status = document.createElement("p");
status.className = "visually-hidden";
status.setAttribute("role", "status");
document.body.append(status);

function announce(text) {
  status.textContent = "";
  // A new text node after a tick, so the same words twice are announced twice.
  window.setTimeout(() => { status.textContent = text.trim(); }, 50);
}

// The equivalent control on the page that replaces this one.
function describe(control) {
  return {
    name: control.name,
    value: control.tagName === "SELECT" ? null : control.value,
  };
}

function find(root, saved) {
  let selector = `[name="${CSS.escape(saved.name)}"]`;
  if (saved.value !== null) selector += `[value="${CSS.escape(saved.value)}"]`;
  return Array.from(root.querySelectorAll(selector))
    .find((element) => element.matches(AUTOSUBMIT_CONTROLS));
}

async function fetchPage(url, options = {}) {
  const response = await fetch(url, { credentials: "same-origin", ...options });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const page = new DOMParser().parseFromString(await response.text(), "text/html");
  return { page, url: response.url };
}

// The page that is shown, so that going back or forward knows whether to fetch another.
let shown = window.location.pathname + window.location.search;
let latest = 0;

function swapIn(page, focus) {
  const main = document.querySelector("main");
  const fresh = page.querySelector("main");
  if (!main || !fresh) return false;
  // Disclosures (the filter panel) stay as the person left them.
  main.querySelectorAll("details[id]").forEach((details) => {
    const twin = fresh.querySelector(`details[id="${CSS.escape(details.id)}"]`);
    if (twin) twin.open = details.open;
  });
  const scrolled = window.scrollY;
  main.replaceWith(fresh);
  window.scrollTo(window.scrollX, scrolled);
  document.title = page.title;
  document.head.querySelectorAll(HEAD_PARTS).forEach((element) => element.remove());
  page.head.querySelectorAll(HEAD_PARTS).forEach((element) => document.head.append(element));
  // The language switcher goes to this page in another language, with its filters.
  const switchers = document.querySelectorAll("header input[name=next]");
  const freshSwitchers = page.querySelectorAll("header input[name=next]");
  switchers.forEach((input, index) => {
    if (freshSwitchers[index]) input.value = freshSwitchers[index].value;
  });
  if (focus) {
    const control = find(fresh, focus);
    if (control) control.focus({ preventScroll: true });
  }
  const heading = fresh.querySelector("h1");
  if (heading) announce(heading.textContent);
  return true;
}

async function show(url, { focus = null, push = true } = {}) {
  const request = ++latest;
  let result;
  try {
    result = await fetchPage(url);
  } catch (error) {
    window.location.assign(url);
    return;
  }
  if (request !== latest) return; // a later change is on its way
  if (!swapIn(result.page, focus)) {
    window.location.assign(url);
    return;
  }
  const address = new URL(result.url);
  shown = address.pathname + address.search;
  if (push) window.history.pushState({ search: true }, "", address.href);
}

document.addEventListener("change", (event) => {
  const control = event.target;
  // The control's own form: the sort <select> sits inside the search form but belongs to
  // #sort-form (its form attribute). The search form sent no sort, so the sort chosen
  // snapped back to the default.
  const form = control.form;
  if (!form || !form.matches("form[data-autosubmit]") || !control.matches(AUTOSUBMIT_CONTROLS)) {
    return;
  }
  const url = new URL(form.action, window.location.href);
  url.search = new URLSearchParams(new FormData(form)).toString();
  show(url.href, { focus: describe(control) });
});

window.addEventListener("popstate", () => {
  if (window.location.pathname + window.location.search !== shown) {
    show(window.location.href, { push: false });
  }
});

// Save and "Saved — remove" on a result: the forms are outside the search form
// (templates/jobs/_job_save_forms.html), each button names its form.
document.addEventListener("submit", async (event) => {
  const form = event.target;
  if (!form.matches("form[data-save-job]")) return;
  event.preventDefault();
  let page;
  try {
    ({ page } = await fetchPage(form.action, { method: "POST", body: new FormData(form) }));
  } catch (error) {
    form.submit();
    return;
  }
  const fresh = page.getElementById(form.id);
  if (!fresh) {
    // Not the search page again (the session ended: the sign-in page): an ordinary post.
    form.submit();
    return;
  }
  form.setAttribute("action", fresh.getAttribute("action"));
  const freshButton = page.querySelector(`button[form="${CSS.escape(form.id)}"]`);
  document.querySelectorAll(`button[form="${CSS.escape(form.id)}"]`).forEach((button) => {
    if (!freshButton) return;
    button.innerHTML = freshButton.innerHTML;
    button.setAttribute("aria-pressed", freshButton.getAttribute("aria-pressed"));
  });
  const message = page.querySelector("main .messages");
  if (message) announce(message.textContent);
});
