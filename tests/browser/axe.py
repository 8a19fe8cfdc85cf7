"""axe-core, installed from the npm registry (`package.json`), run inside a page."""

from pathlib import Path

from django.conf import settings

AXE_JS = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = ("serious", "critical")


def axe_violations(page, *, impacts=BLOCKING):
    """The violations of the given impacts on the page as it is now, each as
    (rule id, impact, help text, [CSS targets])."""
    if not AXE_JS.exists():
        raise FileNotFoundError(f"{AXE_JS} is missing: run `npm ci` (make test does).")
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_JS))
    results = page.evaluate(
        """async () => await axe.run(document, {
            runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa',
                                             'best-practice']},
        })"""
    )
    return [
        (v["id"], v["impact"], v["help"], [" ".join(n["target"]) for n in v["nodes"]][:5])
        for v in results["violations"]
        if v["impact"] in impacts
    ]
