import hashlib

from django.core.cache import cache

from hkstp_portal.markdown import CACHE_VERSION, markdown_to_html


def test_markdown_renders_lists_emphasis_and_links():
    html = markdown_to_html("**Build** things:\n\n- one\n- [two](https://example.com)")
    assert "<strong>Build</strong>" in html
    assert "<li>one</li>" in html
    assert 'href="https://example.com"' in html
    assert 'rel="noopener noreferrer nofollow"' in html


def test_raw_html_scripts_and_javascript_links_never_survive():
    html = markdown_to_html(
        '<script>alert(1)</script><img src=x onerror="alert(2)">'
        '<a href="javascript:alert(3)">x</a> [y](javascript:alert(4)) <b style="x">b</b>'
        '<iframe src="https://evil.example"></iframe>'
    )
    for forbidden in ("<script", "onerror", "javascript:", "<img", "<iframe", "style="):
        assert forbidden not in html


def test_empty_text_is_empty_html():
    assert markdown_to_html("") == ""


def test_long_texts_are_rendered_once_and_cached_by_their_content():
    text = "**Build** robots at the park. " * 20
    first = markdown_to_html(text)

    assert markdown_to_html(text) == first
    assert markdown_to_html(text + "More.") != first  # a changed text is a new key
    digest = hashlib.blake2b(text.encode(), digest_size=20).hexdigest()
    assert cache.get(f"markdown:{CACHE_VERSION}:{digest}") == str(first)


def test_one_text_s_link_references_do_not_leak_into_the_next():
    # The converter is reused (hkstp_portal.markdown._converter): reset() between texts.
    assert 'href="https://a.example"' in markdown_to_html("[a][ref]\n\n[ref]: https://a.example")
    assert "href" not in markdown_to_html("See [a][ref] again.")
