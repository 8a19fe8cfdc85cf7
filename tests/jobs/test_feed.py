"""The Atom feed of a job search, read the way a feed reader reads it (feedparser), and
checked against the raw XML: the summary is the job page's sanitised HTML, never the
Markdown source or markup from a description; rel="self" is the feed asked for."""

import xml.etree.ElementTree as ET

import feedparser
import pytest
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
DESCRIPTION = """**About the role**

Build *warehouse robots* with R&D teams.

- Python
- ROS 2

<script>alert("feed")</script><img src="x" onerror="alert(1)">
<iframe src="https://evil.example/"></iframe>
[Our lab](https://lab.example/) and [a trap](javascript:alert(1))
"""


@pytest.fixture
def job():
    return factories.PublishedJobFactory(
        title="Robotics Engineer",
        company__name="Tidewater Robotics",
        site="innocentre",
        description=DESCRIPTION,
    )


def _summary_html(response) -> str:
    """The HTML a reader shows: the text of <summary type="html">, unescaped once."""
    (entry,) = ET.fromstring(response.content).findall(f"{ATOM}entry")
    summary = entry.find(f"{ATOM}summary")
    assert summary.get("type") == "html"
    return summary.text


def test_the_feed_is_valid_atom_that_a_feed_reader_reads(client, job):
    response = client.get(reverse("jobs:job_feed"), {"q": "robotics"})
    parsed = feedparser.parse(response.content)

    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    (entry,) = parsed.entries
    assert entry.title == "Robotics Engineer — Tidewater Robotics"
    assert entry.summary_detail.type == "text/html"
    assert entry.link.endswith(job.get_absolute_url())


def test_the_summary_is_the_rendered_markdown_not_its_source(client, job):
    summary = _summary_html(client.get(reverse("jobs:job_feed")))

    assert "<strong>About the role</strong>" in summary
    assert "<em>warehouse robots</em>" in summary
    assert "<li>Python</li>" in summary
    assert "R&amp;D" in summary
    assert "**" not in summary
    assert "\n- Python" not in summary


def test_no_live_markup_from_a_description_reaches_a_feed_reader(client, job):
    summary = _summary_html(client.get(reverse("jobs:job_feed")))
    # What a reader that does not clean HTML itself would run, read untouched:
    unsanitised = (
        feedparser.parse(client.get(reverse("jobs:job_feed")).content, sanitize_html=False)
        .entries[0]
        .summary
    )

    for html in (summary, unsanitised):
        assert "<script" not in html
        assert "<iframe" not in html
        assert "<img" not in html
        assert "onerror" not in html
        assert "javascript:" not in html
    assert (
        '<a href="https://lab.example/" rel="noopener noreferrer nofollow">Our lab</a>' in summary
    )


def test_the_facts_line_is_escaped_text(client):
    factories.PublishedJobFactory(
        title="Firmware Engineer", company__name="Tam & Lee <Labs>", description="Hi."
    )
    (entry,) = feedparser.parse(client.get(reverse("jobs:job_feed")).content).entries
    assert entry.author == "Tam & Lee <Labs>"
    assert "<Labs>" not in _summary_html(client.get(reverse("jobs:job_feed")))


def test_a_long_description_is_quoted_by_its_start_as_well_formed_html(client):
    factories.PublishedJobFactory(description="**Start** " + "robots " * 400 + "*the end*")
    summary = _summary_html(client.get(reverse("jobs:job_feed")))
    assert "<strong>Start</strong>" in summary
    assert "the end" not in summary
    assert "…" in summary
    ET.fromstring(f"<div>{summary}</div>")  # every tag closed


@pytest.mark.parametrize("prefix", ["", "/zh-hant", "/zh-hans"])
def test_rel_self_is_the_feed_asked_for_with_its_query_string(client, job, prefix):
    url = f"{prefix}/jobs/feed/?q=robotics&site=innocentre"
    parsed = feedparser.parse(client.get(url).content)

    (self_link,) = [link for link in parsed.feed.links if link.rel == "self"]
    assert self_link.href == f"http://testserver{url}"
    (alternate,) = [link for link in parsed.feed.links if link.rel == "alternate"]
    assert alternate.href == f"http://testserver{prefix}/jobs/?q=robotics&site=innocentre"
