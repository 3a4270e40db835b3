"""The national picture, in Chromium with an axe check on every page visited.

``nasjonal@`` opens the national overview and sees the counties below the recommended coverage marked,
downloads a chart's figures as CSV, uploads Statistics Norway's population file, makes two funding
scenarios and compares them, and writes a level description for a competence area that ``skole@`` then
sees on the self-assessment. ``leder@`` sees the centre's overview and the attention list on the home page.
"""

import csv
import io

from playwright.sync_api import expect

from register.models import CompetenceArea, County, FundingScenario
from tests.browser.conftest import assert_accessible

POPULATION = """\
"07459: Befolkning, etter region, alder, statistikkvariabel og år"

"region";"alder";"statistikkvariabel";"år";"07459: Befolkning"
"03 Oslo";"018 18 år";"Personer";"2026";8000
"03 Oslo";"019 19 år";"Personer";"2026";580000
"56 Finnmark";"019 19 år";"Personer";"2026";57000
"""


def submit(page, form, button="button[type=submit]"):
    with page.expect_navigation():
        form.locator(button).click()


def new_scenario(page, name, population, shortfall, incentive):
    page.goto("/staff/oversikt/fordeling/")
    form = page.locator("main form.narrow-form")
    form.locator("input[name=name]").fill(name)
    form.locator("input[name=total]").fill("34500000")
    form.locator("input[name=base_per_county]").fill("500000")
    form.locator("input[name=population_weight]").fill(str(population))
    form.locator("input[name=shortfall_weight]").fill(str(shortfall))
    form.locator("input[name=incentive_weight]").fill(str(incentive))
    form.locator("select[name=incentive_measure]").select_option("attainment" if incentive else "")
    submit(page, form)
    expect(page.locator("main h1")).to_have_text(name)
    return FundingScenario.objects.get(name=name)


def test_national_and_centre_leaders_see_the_national_picture_and_act_on_it(site, open_context, tmp_path):
    national = open_context("nasjonal").new_page()

    # The national overview: counties below the recommended coverage are marked ----------------------
    national.goto("/staff/oversikt/")
    expect(national.locator("main h1")).to_have_text("Oversikt: Norge")
    coverage = national.locator("figure:has(#coverage-title)")
    marked = coverage.locator("tr.marked")
    expect(marked.first).to_contain_text("Under standarden")
    assert marked.count() >= 1
    assert_accessible(national, "the national overview")

    # A chart's figures as CSV -----------------------------------------------------------------------
    with national.expect_download() as download:
        coverage.get_by_role("link", name="Last ned tallene som CSV").click()
    rows = list(csv.reader(io.StringIO(download.value.path().read_text(encoding="utf-8-sig")), delimiter=";"))
    assert rows[0][0] == "Fylke" and len(rows) == 16

    # Statistics Norway's population file --------------------------------------------------------------
    national.goto("/staff/oversikt/folketall/")
    assert_accessible(national, "the population page")
    population_file = tmp_path / "07459.csv"
    population_file.write_text(POPULATION, encoding="utf-8")
    form = national.locator("main form")
    form.locator("input[name=file]").set_input_files(population_file)
    submit(national, form)
    expect(national.locator("main")).to_contain_text("Folketallet for 2026 er lagret for 2 fylker.")
    assert County.objects.get(number="03").adult_population == 580000

    # Two funding scenarios, compared side by side ------------------------------------------------------
    first = new_scenario(national, "Likedeling", 60, 20, 20)
    assert_accessible(national, "a funding scenario")
    second = new_scenario(national, "Mer etter folketall", 80, 20, 0)
    expect(national.locator("main")).to_contain_text("Likedeling")  # compared with the earlier one
    national.goto(f"/staff/oversikt/fordeling/sammenlign/?a={first.pk}&b={second.pk}")
    table = national.locator("main table")
    expect(table.locator("thead")).to_contain_text("Likedeling")
    expect(table.locator("thead")).to_contain_text("Mer etter folketall")
    assert table.locator("tbody tr").count() == 15
    assert_accessible(national, "the comparison of two scenarios")

    # A level description that counsellors see ---------------------------------------------------------
    area = CompetenceArea.objects.get(number=1)
    national.goto("/staff/standard/")
    assert_accessible(national, "the national standard")
    national.goto(f"/staff/standard/omrader/{area.pk}/")
    assert_accessible(national, "a competence area")
    form = national.locator("main form")
    form.locator("textarea[name=competent_nb]").fill("Leder veiledningssamtaler på egen hånd.")
    submit(national, form)
    expect(national.locator("main")).to_contain_text("Kompetanseområdet er lagret.")
    counsellor = open_context("skole").new_page()
    counsellor.goto("/kompetanse/egenvurdering/")
    expect(counsellor.locator("main")).to_contain_text("Leder veiledningssamtaler på egen hånd.")
    assert_accessible(counsellor, "the self-assessment with level descriptions")

    # leder@: the centre's overview and what needs attention -------------------------------------------
    leader = open_context("leder").new_page()
    leader.goto("/min-side/")
    attention = leader.locator("section[aria-labelledby=attention-heading]")
    expect(attention).to_contain_text("Trenger din oppmerksomhet")
    assert_accessible(leader, "the leader's home page")
    with leader.expect_navigation():
        attention.get_by_role("link", name="Oversikt: Karriere Oslo").click()
    expect(leader.locator("main h1")).to_have_text("Oversikt: Karriere Oslo")
    assert_accessible(leader, "the centre's overview")
    assert leader.goto("/staff/oversikt/").status == 403
