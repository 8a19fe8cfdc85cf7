"""Issue 7: search, apply, event registration and check-in with the keyboard alone.

No clicks and no .fill(): focus moves only with Tab (and Shift+Tab), controls are used
with Enter, Space and the arrow keys, and text is typed into whatever has focus.
"""

import pytest

from accounts.models import User
from applications.models import Application
from events.models import Registration
from talent.models import SavedJob
from tests.browser.portal_data import portal_make, sign_in_with_cookie

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TAB_LIMIT = 150


def focused(page, predicate: str) -> bool:
    """Whether the focused element matches `predicate`, a JavaScript `el => boolean`."""
    return page.evaluate(f"() => ({predicate})(document.activeElement)")


def describe_focus(page) -> str:
    return page.evaluate(
        """() => { const el = document.activeElement;
                   return el ? `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''} `
                               + `"${(el.innerText || el.value || el.name || '').trim()
                                     .slice(0, 40)}"` : 'nothing'; }"""
    )


def tab_to(page, predicate: str, *, limit: int = TAB_LIMIT, backwards: bool = False) -> int:
    """Presses Tab until the focused element matches `predicate` (a JavaScript
    `el => boolean`); returns how many presses it took, failing after `limit`."""
    key = "Shift+Tab" if backwards else "Tab"
    for presses in range(1, limit + 1):
        page.keyboard.press(key)
        if focused(page, predicate):
            return presses
    raise AssertionError(
        f"{limit} presses of {key} never reached {predicate}; focus is on {describe_focus(page)}"
    )


def press_and_wait(page, key: str) -> None:
    """Presses a key that submits a form or follows a link, and waits for the new page."""
    with page.expect_navigation():
        page.keyboard.press(key)


def by_selector(selector: str) -> str:
    return f"el => el.matches({selector!r})"


def test_search_with_a_keyword_and_a_filter_then_open_a_result(page, live_server):
    data = portal_make()
    page.goto("/jobs/")

    tab_to(page, by_selector("input[name=q]"))
    page.keyboard.type("robotics")
    press_and_wait(page, "Enter")
    assert "q=robotics" in page.url

    # Ticking a filter reloads the results (search.js); focus comes back to the filter.
    tab_to(page, by_selector("input[name=seniority][value=mid]"))
    press_and_wait(page, "Space")
    assert "seniority=mid" in page.url
    assert "q=robotics" in page.url
    assert focused(page, by_selector("input[name=seniority][value=mid]")), describe_focus(page)
    assert page.get_by_role("checkbox", name="Mid level").is_checked()

    tab_to(
        page,
        f"el => el.matches('.job-card-title a') && el.textContent.trim() === {data.job.title!r}",
    )
    press_and_wait(page, "Enter")
    assert page.url.endswith(f"/jobs/{data.job.pk}/")
    assert page.locator("h1").inner_text() == data.job.title


def test_save_each_search_result_with_the_keyboard(new_page, live_server):
    # The results sit inside the search form; a Save form nested there was dropped by the
    # HTML parser and its button submitted the search instead.
    data = portal_make()
    page = new_page()
    sign_in_with_cookie(page.context, live_server, data.candidate)
    page.goto("/jobs/?q=engineer&sort=newest")
    titles = page.locator(".job-card-title").all_inner_texts()
    assert len(titles) == 2

    for title in titles:
        button = f"el => el.type === 'submit' && el.textContent.includes({title!r})"
        tab_to(page, button)
        # Saved in place (search.js): no new page, focus stays on the button, now pressed.
        page.keyboard.press("Enter")
        page.wait_for_function(
            "() => document.activeElement.getAttribute('aria-pressed') === 'true'"
        )
        assert focused(page, button), describe_focus(page)
        assert "q=engineer" in page.url

    saved = SavedJob.objects.filter(user=data.candidate).values_list("job__title", flat=True)
    assert sorted(saved) == sorted(titles)
    assert page.get_by_role("button", name="Saved", exact=False).count() == 2


def test_apply_to_a_job_with_screening_questions(new_page, live_server):
    data = portal_make()
    job = data.job_with_questions
    page = new_page()
    sign_in_with_cookie(page.context, live_server, data.candidate)
    page.goto(f"/jobs/{job.pk}/")

    tab_to(page, f"el => el.matches('a.btn') && el.pathname === '/jobs/{job.pk}/apply/'")
    press_and_wait(page, "Enter")

    # The yes/no question is a radio group: Tab reaches it, the arrow keys choose.
    tab_to(page, by_selector("input[type=radio]"))
    page.keyboard.press("Space")
    for _ in range(3):
        if focused(page, "el => el.value === 'yes' && el.checked"):
            break
        page.keyboard.press("ArrowDown")
    assert focused(page, "el => el.value === 'yes' && el.checked"), describe_focus(page)
    tab_to(page, "el => el.type === 'text' && el.name.startsWith('q')")
    page.keyboard.type("A hospital delivery robot, in service since 2024.")
    tab_to(page, by_selector("textarea[name=cover_note]"))
    page.keyboard.type("I build perception for robots that work around people.")
    tab_to(page, "el => el.type === 'submit' && el.textContent.includes('Send application')")
    press_and_wait(page, "Enter")

    application = Application.objects.get(job=job, candidate=data.candidate)
    assert application.answers.count() == 2
    assert sorted(application.answers.values_list("answer", flat=True)) == [
        "A hospital delivery robot, in service since 2024.",
        "yes",
    ]
    assert "robots that work around people" in application.cover_note
    assert page.get_by_role("status").is_visible()


def test_sign_up_as_a_candidate(page, live_server, mailoutbox):
    page.goto("/accounts/signup/")

    tab_to(page, "el => el.name === 'kind'")
    assert focused(page, "el => el.value === 'candidate' && el.checked")
    for name, text in [
        ("name", "Lam Siu Fung"),
        ("email", "siufung@example.com"),
        ("password1", "a-long-pass-phrase-2026"),
        ("password2", "a-long-pass-phrase-2026"),
    ]:
        tab_to(page, f"el => el.name === {name!r}")
        page.keyboard.type(text)
    tab_to(page, "el => el.name === 'privacy'")
    page.keyboard.press("Space")
    tab_to(page, "el => el.type === 'submit' && el.closest('main') !== null")
    press_and_wait(page, "Enter")

    user = User.objects.get(email="siufung@example.com")
    assert user.name == "Lam Siu Fung"
    assert user.kind == User.Kind.CANDIDATE
    assert [message.to for message in mailoutbox] == [["siufung@example.com"]]


def test_register_for_an_event(new_page, live_server):
    data = portal_make()
    page = new_page()
    sign_in_with_cookie(page.context, live_server, data.candidate)
    page.goto(f"/events/{data.open_event.slug}/")

    tab_to(page, "el => el.type === 'submit' && el.textContent.trim() === 'Register'")
    press_and_wait(page, "Enter")

    registration = Registration.objects.get(event=data.open_event, candidate=data.candidate)
    assert registration.status == Registration.Status.CONFIRMED
    assert page.get_by_text("You are registered.").is_visible()


def test_staff_check_in_a_ticket_code_at_the_door(new_page, live_server):
    data = portal_make()
    page = new_page()
    sign_in_with_cookie(page.context, live_server, data.staff)
    field = "el => el.matches('#checkin-form input[name=code]')"

    page.goto(f"/staff/events/{data.event.slug}/check-in/")
    # The code field has focus on arrival: a handheld scanner types straight into it.
    page.wait_for_function(f"({field})(document.activeElement)")
    page.keyboard.type(data.registration.code)
    press_and_wait(page, "Enter")

    assert page.locator(".result-ok").inner_text().endswith(data.candidate.name)
    data.registration.refresh_from_db()
    assert data.registration.checked_in_at is not None
    # Ready for the next person: the field is empty and focused again.
    page.wait_for_function(f"({field})(document.activeElement)")
    assert page.locator("#checkin-form input[name=code]").input_value() == ""
    # A live region on a freshly loaded page is not announced: the focused field's
    # description carries the result instead.
    description = page.evaluate(
        """() => document.activeElement.getAttribute('aria-describedby').split(' ')
                 .map((id) => document.getElementById(id).innerText).join(' ')"""
    )
    assert f"Checked in: {data.candidate.name}" in description

    page.keyboard.type(data.registration.code)
    press_and_wait(page, "Enter")
    assert "Already checked in" in page.locator(".result-warn").inner_text()
    page.wait_for_function(f"({field})(document.activeElement)")


def test_skip_link_comes_first_shows_on_focus_and_moves_focus_to_main(page, live_server):
    portal_make()
    page.goto("/jobs/")

    page.keyboard.press("Tab")
    assert focused(page, by_selector("a.skip-link")), describe_focus(page)
    box = page.locator("a.skip-link").bounding_box()
    assert box is not None
    assert box["x"] >= 0
    assert box["y"] >= 0
    assert page.locator("a.skip-link").is_visible()

    page.keyboard.press("Enter")
    assert focused(page, "el => el.tagName === 'MAIN' && el.id === 'main'"), describe_focus(page)
    # The next Tab goes into the page's content, past the header.
    page.keyboard.press("Tab")
    assert focused(page, "el => el.closest('main') !== null"), describe_focus(page)


FOCUS_RING = """el => {
    const style = getComputedStyle(el);
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
    const shadow = style.boxShadow !== 'none';
    return outline || shadow;
}"""


@pytest.mark.parametrize(
    "selector",
    ["a.brand", "header summary", "a.btn-primary", "button.btn-primary", "input[type=search]"],
)
def test_focused_controls_show_a_focus_indicator(page, live_server, selector):
    portal_make()
    page.goto("/")

    tab_to(page, by_selector(selector))
    assert focused(page, "el => el.matches(':focus-visible')")
    assert focused(page, FOCUS_RING), f"{selector} shows no outline or shadow when focused"
