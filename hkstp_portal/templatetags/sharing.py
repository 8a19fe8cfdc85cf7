"""What search engines and link previews read in a public page's <head>: its canonical
address and its Open Graph card."""

from django import template
from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext as _

register = template.Library()

# Open Graph wants language_TERRITORY: the three languages as Hong Kong and mainland
# readers know them.
OG_LOCALES = {"en": "en_HK", "zh-hant": "zh_HK", "zh-hans": "zh_CN"}


@register.inclusion_tag("includes/share_meta.html", takes_context=True)
def share_meta(context, title, description="", image="", kind="website"):
    """<link rel="canonical"> and the og: tags of the page being rendered.

    The canonical address is the page's own path in its language, without the query
    string: a search with filters, a later page or a link with ?event= all point search
    engines at the one page. `image` is an image field's file (a company logo) or URL,
    made absolute; an empty one leaves og:image out."""
    request = context["request"]
    language = get_language()
    url = request.build_absolute_uri(request.path)
    return {
        "url": url,
        "title": title,
        # The portal's own words when the page's object has none (a company without a
        # description): a card with no text shows the address instead.
        "description": description
        or _("Jobs, internships and career fairs at Hong Kong Science and Technology Parks."),
        "image": request.build_absolute_uri(getattr(image, "url", image)) if image else "",
        "kind": kind,
        "site_name": _("HKSTP Talent Portal"),
        "locale": OG_LOCALES.get(language, OG_LOCALES[settings.LANGUAGE_CODE]),
        "alternates": [locale for code, locale in OG_LOCALES.items() if code != language],
    }
