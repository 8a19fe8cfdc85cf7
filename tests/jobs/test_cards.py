"""Job cards (jobs.cards): cached per job and language, live "Posted" and Save button."""

import datetime
import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import QueryDict
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone, translation

from companies.services import company_update, name_change_approve
from jobs import cards
from jobs.selectors import CARD_DEFERRED, job_list_open, job_search
from jobs.services import job_update
from jobs.templatetags.jobs import facet_fieldsets
from tests import factories

pytestmark = pytest.mark.django_db

# The card as a plain template did it before jobs.cards (one {% include %} a card): the
# cached cards must read exactly the same, byte for byte.
REFERENCE_CARD = """{% load i18n humanize applications localised portal %}
<article class="card job-card">
  <div class="job-card-head">
    {% if job.company.logo %}<img class="logo-sm" src="{{ job.company.logo.url }}" alt="" width="44" height="44" loading="lazy">{% else %}<span class="logo-sm logo-fallback" aria-hidden="true">{{ job.company|localised:"name"|slice:":1" }}</span>{% endif %}
    <div>
      {% firstof heading_level "3" as level %}<h{{ level }} class="job-card-title"><a href="{{ job.get_absolute_url }}" lang="{{ job|content_lang:'title' }}">{{ job|localised:"title" }}</a></h{{ level }}>
      {% with other=job|alternative:"title" %}{% if other %}<p class="muted" lang="{{ other.lang }}">{{ other.text }}</p>{% endif %}{% endwith %}
      <p class="job-company"><span lang="{{ job.company|content_lang:'name' }}">{{ job.company|localised:"name" }}</span> · {{ job|display:"site" }}</p>
    </div>
  </div>
  {% if job.salary_shown %}<p class="salary">{{ job.salary_range }} {% translate "a month" %}</p>{% endif %}
  <ul class="tags">
    <li class="tag tag-brand">{{ job|display:"employment_type" }}</li>
    <li class="tag">{{ job|display:"seniority" }}</li>
    <li class="tag">{{ job|display:"work_mode" }}</li>
    {% if job.open_to_overseas %}<li class="tag tag-open">{% translate "Open to overseas talent" %}</li>{% endif %}
    {% if job.ttps_welcome %}<li class="tag tag-open">{% translate "TTPS holders welcome" %}</li>{% endif %}
  </ul>
  {% if job.published_at %}<p class="muted"><small>{% blocktranslate with when=job.published_at|naturaltime %}Posted {{ when }}{% endblocktranslate %}</small></p>{% endif %}
  {% if show_save and user.is_authenticated and user.is_candidate %}{% job_is_saved job as saved %}
    {# The search results sit inside the search form and HTML forms cannot nest: the button #}
    {# belongs to its own form, rendered after the search form by jobs/_job_save_forms.html. #}
    <div class="card-save" id="save-{{ job.pk }}">
      <button class="btn btn-ghost" type="submit" form="save-job-{{ job.pk }}" aria-pressed="{% if saved %}true{% else %}false{% endif %}">{% if saved %}★ {% blocktranslate with title=job|localised:"title" %}Saved <span class="visually-hidden">{{ title }}</span> — remove{% endblocktranslate %}{% else %}☆ {% blocktranslate with title=job|localised:"title" %}Save <span class="visually-hidden">{{ title }}</span>{% endblocktranslate %}{% endif %}</button>
    </div>
  {% endif %}
</article>
"""  # noqa: E501

# The filter panel as a template loop did it before {% facet_fieldsets %}.
REFERENCE_FACETS = """{% load i18n humanize %}{% for group in result.facet_groups %}
          <fieldset class="facet">
            <legend>{{ group.label }}</legend>
            {% if not group.multiple %}
              <label class="facet-option"><input type="radio" name="{{ group.name }}" value="" {% if not group.active %}checked{% endif %}> <span>{% if group.name == "salary" %}{% translate "Any" %}{% else %}{% translate "Any time" %}{% endif %}</span></label>
            {% endif %}
            {% for option in group.options %}
              <label class="facet-option{% if not option.count and not option.checked %} facet-empty{% endif %}">
                <input type="{% if group.multiple %}checkbox{% else %}radio{% endif %}" name="{{ group.name }}" value="{{ option.value }}" {% if option.checked %}checked{% endif %}>
                <span>{{ option.label }}</span> <span class="count">{{ option.count|intcomma }}</span>
              </label>
            {% endfor %}
          </fieldset>
        {% endfor %}"""  # noqa: E501

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00"
    b"\x00\x00\x00IEND\xaeB`\x82"
)


def _context(user=None):
    request = RequestFactory().get("/jobs/")
    request.user = user or AnonymousUser()
    return {"request": request, "user": request.user}


def _reference(jobs, context, **options):
    template = Template("{% for job in jobs %}{% include card %}{% endfor %}")
    card = Template(REFERENCE_CARD)
    return template.render(Context({**context, "jobs": jobs, "card": card, **options}))


def _open_jobs():
    return list(job_list_open().defer(*CARD_DEFERRED))


@pytest.fixture
def jobs():
    with_logo = factories.VerifiedCompanyFactory(
        name="Logo & Sons", name_zh="標誌", logo=SimpleUploadedFile("l.png", PNG, "image/png")
    )
    return [
        factories.PublishedJobFactory(
            company=with_logo,
            title="Robotics <Engineer>",
            title_zh="機械人工程師",
            open_to_overseas=True,
            ttps_welcome=True,
        ),
        factories.PublishedJobFactory(title_zh_hans="数据科学家", show_salary=False),
        factories.PublishedJobFactory(
            published_at=timezone.now() - datetime.timedelta(days=40, hours=3), salary_max=None
        ),
    ]


@pytest.mark.parametrize("language", ["en", "zh-hant", "zh-hans"])
@pytest.mark.parametrize("heading_level", ["2", "3"])
def test_cards_read_as_the_plain_template_did_cold_and_cached(jobs, language, heading_level):
    context = _context()
    with translation.override(language):
        expected = _reference(_open_jobs(), context, heading_level=heading_level)
        cold = cards.job_cards(context, _open_jobs(), heading_level=heading_level)
        warm = cards.job_cards(context, _open_jobs(), heading_level=heading_level)
    assert cold == expected
    assert warm == expected
    assert 'class="logo-sm" src="' in expected


def test_a_candidate_s_save_buttons_read_as_the_plain_template_did(jobs):
    candidate = factories.CandidateFactory()
    factories.SavedJobFactory(user=candidate, job=jobs[0])
    for language in ["en", "zh-hant"]:
        with translation.override(language):
            context = _context(candidate)
            expected = _reference(_open_jobs(), context, show_save=True, heading_level="2")
            context = _context(candidate)
            html = cards.job_cards(context, _open_jobs(), show_save=True, heading_level="2")
        assert html == expected
        assert html.count('aria-pressed="true"') == 1


def test_a_page_of_cached_cards_costs_no_query_and_renders_nothing(
    jobs, django_assert_num_queries, monkeypatch
):
    context = _context()
    cards.job_cards(context, _open_jobs())
    listed = _open_jobs()
    monkeypatch.setattr(cards, "_render_static", lambda *args: pytest.fail("rendered"))

    with django_assert_num_queries(0):
        html = cards.job_cards(context, listed)

    assert html.count("<article") == 3


def test_a_candidate_s_saved_jobs_cost_one_query_a_page(jobs, django_assert_num_queries):
    candidate = factories.CandidateFactory()
    cards.job_cards(_context(), _open_jobs())
    listed = _open_jobs()

    with django_assert_num_queries(1):
        cards.job_cards(_context(candidate), listed, show_save=True)


def test_only_the_missing_cards_are_rendered(jobs):
    context = _context()
    cards.job_cards(context, _open_jobs()[:1])
    rendered = []
    render = cards._render_static

    def counting(some, level):
        rendered.extend(some)
        return render(some, level)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(cards, "_render_static", counting)
        cards.job_cards(context, _open_jobs())
    assert len(rendered) == 2
    assert _open_jobs()[0] not in rendered


def test_the_cache_is_what_the_page_shows(client, jobs):
    # Proof that the cards come from the cache: a cached card is served as stored.
    client.get(reverse("jobs:job_list"))
    job = _open_jobs()[0]
    key = cards.card_key(job, heading_level="2", language="en")
    assert cache.get(key) is not None
    cache.set(key, '<article class="card job-card">from the cache</ul>')

    assert "from the cache" in client.get(reverse("jobs:job_list")).content.decode()
    # Another language is another card.
    assert "from the cache" not in client.get("/zh-hant/jobs/").content.decode()


def test_a_job_edit_shows_on_the_next_search(client, jobs):
    company = factories.TrustedCompanyFactory()
    admin = factories.CompanyAdminFactory(company=company).user
    job = factories.PublishedJobFactory(company=company, title="Firmware Engineer")
    assert "Firmware Engineer" in client.get(reverse("jobs:job_list")).content.decode()

    job_update(job=job, by=admin, title="Embedded Firmware Lead")

    page = client.get(reverse("jobs:job_list")).content.decode()
    assert "Embedded Firmware Lead" in page
    assert "Firmware Engineer<" not in page


def test_a_save_shows_on_the_next_search(client, jobs):
    job = jobs[1]
    client.get(reverse("jobs:job_list"))
    job.title = "Quantum Chemist"
    job.save()
    assert "Quantum Chemist" in client.get(reverse("jobs:job_list")).content.decode()


def test_a_company_rename_and_new_logo_show_on_the_next_search(client, jobs):
    company = jobs[1].company
    admin = factories.CompanyAdminFactory(company=company).user
    client.get(reverse("jobs:job_list"))

    company_update(company=company, by=admin, name="Kowloon Quantum Limited")
    assert "Kowloon Quantum Limited" not in client.get(reverse("jobs:job_list")).content.decode()
    # A verified company's new name shows once HKSTP approves it.
    name_change_approve(change=company.name_changes.get(), by=factories.StaffFactory())
    page = client.get(reverse("jobs:job_list")).content.decode()
    assert "Kowloon Quantum Limited" in page

    company.refresh_from_db()
    company_update(company=company, by=admin, logo=SimpleUploadedFile("new.png", PNG, "image/png"))
    company.refresh_from_db()
    assert company.logo.url in client.get(reverse("jobs:job_list")).content.decode()


def test_each_language_has_its_own_cards(client, jobs):
    english = client.get(reverse("jobs:job_list")).content.decode()
    chinese = client.get("/zh-hant/jobs/").content.decode()
    assert ">Robotics &lt;Engineer&gt;</a>" in english
    assert 'lang="zh-Hant">機械人工程師</a>' in chinese
    assert 'href="/zh-hant/jobs/' in chinese
    assert 'href="/zh-hant/jobs/' not in english


def test_candidates_never_see_each_other_s_saved_state(client, jobs):
    saver, other = factories.CandidateFactory(), factories.CandidateFactory()
    factories.SavedJobFactory(user=saver, job=jobs[0])
    url = reverse("jobs:job_list")

    client.force_login(saver)
    assert client.get(url).content.decode().count('aria-pressed="true"') == 1
    client.force_login(other)
    other_page = client.get(url).content.decode()
    assert 'aria-pressed="true"' not in other_page
    assert other_page.count('aria-pressed="false"') == 3
    client.logout()
    anonymous = client.get(url).content.decode()
    assert "aria-pressed" not in anonymous
    assert 'class="card-save"' not in anonymous


def test_posted_is_live_not_cached(jobs):
    context = _context()
    before = cards.job_cards(context, _open_jobs())
    job = jobs[2]
    # Time passes without any edit: the cached part stays, "Posted" moves on.
    type(job).objects.filter(pk=job.pk).update(
        published_at=job.published_at - datetime.timedelta(days=400)
    )
    after = cards.job_cards(context, _open_jobs())
    assert before != after
    assert re.search(r"Posted 1\xa0year", after)


@pytest.mark.parametrize("language", ["en", "zh-hant", "zh-hans"])
@pytest.mark.parametrize(
    "query", ["", "q=engineer", "site=science_park&employment_type=full_time", "posted=7"]
)
def test_the_filter_panel_reads_as_the_template_loop_did(jobs, language, query):
    with translation.override(language):
        result = job_search(QueryDict(query))
        expected = Template(REFERENCE_FACETS).render(Context({"result": result}))
        assert facet_fieldsets(result.facet_groups) == expected
    assert "checked" in expected
