"""A job and a company page in each language, as a browser shows them: the reader's
version of the content, marked with its language, and no accessibility regression."""

import pytest

from tests import factories
from tests.browser.axe import axe_violations
from tests.browser.conftest import ARTIFACTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = [
    ("", "en", "Machine Learning Engineer", "Tidewater Robotics"),
    ("/zh-hant", "zh-Hant", "機器學習工程師", "潮汐機械人"),
    ("/zh-hans", "zh-Hans", "机器学习工程师", "潮汐机器人"),
]


@pytest.mark.parametrize(("prefix", "lang", "title", "company_name"), PAGES)
def test_job_and_company_pages_show_the_readers_version(
    new_page, prefix, lang, title, company_name
):
    company = factories.VerifiedCompanyFactory(
        name="Tidewater Robotics",
        name_zh="潮汐機械人",
        name_zh_hans="潮汐机器人",
        description="Autonomous inspection robots for tunnels and drains.",
        description_zh="研發自主巡檢機械人，用於隧道及渠務檢查。",
        description_zh_hans="研发自主巡检机器人，用于隧道及排水渠检查。",
    )
    job = factories.PublishedJobFactory(
        company=company,
        title="Machine Learning Engineer",
        title_zh="機器學習工程師",
        title_zh_hans="机器学习工程师",
        description="Take models from experiment to production.",
        description_zh="把模型由實驗帶到生產環境。",
        description_zh_hans="把模型从实验带到生产环境。",
        requirements="Fluent Python and PyTorch.",
        requirements_zh="熟悉 Python 及 PyTorch。",
        requirements_zh_hans="熟悉 Python 及 PyTorch。",
    )
    page = new_page(locale="zh-HK" if prefix else "en-GB")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)

    for path, heading, shot in [
        (job.get_absolute_url(), title, "job"),
        (company.get_absolute_url(), company_name, "company"),
    ]:
        page.goto(prefix + path)
        h1 = page.locator("h1").first
        assert h1.inner_text() == heading
        assert h1.get_attribute("lang") == lang
        assert axe_violations(page) == []
        # Kept for people to look at (test-artifacts/ is not committed).
        name = f"content-{shot}-{lang}.png"
        page.screenshot(path=ARTIFACTS / name, full_page=True)
