from hkstp_portal.markdown import markdown_to_html


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
