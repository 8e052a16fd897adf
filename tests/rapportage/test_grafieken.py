"""The SVG charts: well-formed, labelled for screen readers, values on the bars, labels escaped,
and small counts masked in the public version (money never)."""

import re
import xml.etree.ElementTree as ET

from django.template import Context, Template

from omo import grafieken as g
from tests.rapportage.voorbeeld_cijfers import leeg, voorbeeld

SVG = "{http://www.w3.org/2000/svg}"


def _tree(svg):
    return ET.fromstring(str(svg))


def _texts(svg):
    return [t.text for t in _tree(svg).iter(f"{SVG}text")]


def _rects(svg):
    return [r.attrib for r in _tree(svg).iter(f"{SVG}rect")]


def _bars(svg):
    """The drawn bars: rects with a series colour or pattern, or the dashed mask."""
    return [r for r in _rects(svg) if r.get("stroke-dasharray") or (r.get("fill", "").startswith(("url(", "#1d", "#b0")))]


def test_bar_chart_shows_labels_and_values_and_is_an_accessible_image():
    svg = g.bar_chart([("Financiën en schulden", 900), ("Wonen", 1247)], chart_id="leef", title="Leefgebieden")
    root = _tree(svg)
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "leef-titel"
    assert root.find(f"{SVG}title").get("id") == "leef-titel"
    assert root.find(f"{SVG}title").text == "Leefgebieden"
    assert re.fullmatch(r"0 0 640 \d+", root.get("viewBox"))
    texts = _texts(svg)
    assert "Financiën en schulden" in texts and "Wonen" in texts
    assert "900" in texts and "1.247" in texts  # Dutch thousands separator
    assert all('font-size="' in str(svg) for _ in texts)
    widths = [float(r["width"]) for r in _bars(svg)]
    assert widths[0] < widths[1]  # 900 is drawn shorter than 1.247


def test_labels_are_escaped():
    svg = str(g.bar_chart([("Zorg & <script>alert(1)</script>", 4)], chart_id="x", title="A <b> & B"))
    assert "<script>" not in svg and "<b>" not in svg
    assert "&lt;script&gt;" in svg and "A &lt;b&gt; &amp; B" in svg
    _tree(svg)  # still well-formed XML
    grouped = str(g.grouped_bar_chart([("<Fonds>", ["1.00", "2.00", "3.00"])], ["<a>", "b", "c"], chart_id="y", title="t"))
    assert "<Fonds>" not in grouped and "&lt;Fonds&gt;" in grouped and "<a>" not in grouped


def test_masking_hides_the_number_and_the_length_of_small_counts():
    rows = [("Wonen", 700), ("Zorg", 1), ("Werk", 2)]
    publiek = g.bar_chart(rows, chart_id="p", title="t", publiek=True)
    texts = _texts(publiek)
    assert texts.count("< 3") == 2
    assert "1" not in texts and "2" not in texts and "700" in texts
    masked = [r for r in _rects(publiek) if r.get("stroke-dasharray")]
    # The two small counts (and the legend swatch) have the same fixed length: the bar gives nothing away.
    assert len(masked) == 3
    assert {r["width"] for r in masked} == {str(g.MASK_LENGTH)}
    assert "minder dan 3: niet op schaal getekend" in texts

    intern = g.bar_chart(rows, chart_id="i", title="t")
    assert "< 3" not in _texts(intern) and "1" in _texts(intern) and "2" in _texts(intern)
    assert not [r for r in _rects(intern) if r.get("stroke-dasharray")]


def test_money_and_zero_and_three_are_never_masked():
    svg = g.grouped_bar_chart([("Wonen", ["1.00", "2.00", "12345.67"])], ["Huidig", "Dreigend", "Doorbraak"],
                              chart_id="k", title="Kosten", publiek=True)
    texts = _texts(svg)
    assert "€\u00a01" in texts and "€\u00a02" in texts and "€\u00a012.346" in texts
    assert "< 3" not in texts
    counts = _texts(g.bar_chart([("a", 0), ("b", 3)], chart_id="z", title="t", publiek=True))
    assert "0" in counts and "3" in counts and "< 3" not in counts


def test_grouped_bars_use_colour_and_pattern_and_a_legend():
    svg = g.grouped_bar_chart([("Wonen", ["60000.00", "200000.00", "20000.00"])],
                              ["Huidige situatie", "Dreigende situatie", "Met doorbraak"], chart_id="kg", title="t")
    root = _tree(svg)
    patterns = [p.get("id") for p in root.iter(f"{SVG}pattern")]
    assert patterns == ["kg-s1", "kg-s2"]  # series 2 and 3 hatched and dotted; series 1 solid
    texts = _texts(svg)
    assert {"Huidige situatie", "Dreigende situatie", "Met doorbraak"} <= set(texts)
    assert {"€\u00a060.000", "€\u00a0200.000", "€\u00a020.000"} <= set(texts)
    fills = {r.get("fill") for r in _rects(svg)}
    assert "url(#kg-s1)" in fills and "url(#kg-s2)" in fills
    for colour in g.COLOURS:  # every series colour has at least 3:1 contrast against white
        assert _contrast(colour) >= 3


def _contrast(hex_colour):
    def channel(c):
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, gr, b = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    lum = 0.2126 * channel(r) + 0.7152 * channel(gr) + 0.0722 * channel(b)
    return 1.05 / (lum + 0.05)


def test_column_chart_writes_month_and_year_and_values():
    svg = g.column_chart([("jul 2026", 400), ("aug 2026", 2), ("sep 2026", 845)], chart_id="m", title="Per maand",
                         publiek=True)
    texts = _texts(svg)
    assert texts.count("2026") == 3 and {"jul", "aug", "sep"} <= set(texts)
    assert "400" in texts and "845" in texts and "< 3" in texts and "2" not in texts


def test_stacked_bars_show_segments_and_totals():
    svg = g.stacked_bar_chart([("Portefeuillehouder", [3, 6, 2]), ("College", [0, 5, 0])], ["Open", "Akkoord", "Afgewezen"],
                              chart_id="e", title="Escalaties")
    texts = _texts(svg)
    assert {"Open", "Akkoord", "Afgewezen", "Portefeuillehouder", "College"} <= set(texts)
    assert "11" in texts and "6" in texts and "5" in texts  # totals and a wide segment
    publiek = _texts(g.stacked_bar_chart([("P", [3, 6, 2])], ["a", "b", "c"], chart_id="e", title="t", publiek=True))
    assert "< 3" in publiek and "2" not in publiek


def test_empty_values_draw_no_bar():
    svg = g.bar_chart([("Mediaan", None)], chart_id="n", title="t", kind=g.MONEY)
    assert "–" in _texts(svg)
    assert not _bars(svg)


def test_every_figure_of_the_sample_renders_as_a_chart():
    from rapportage import weergave

    w = weergave.maak(voorbeeld())
    ids, aantal = set(), 0
    for publiek in (False, True):
        for blok in weergave.blokken(w, publiek):
            for f in blok["figuren"]:
                for svg in f["grafieken"]:
                    root = _tree(svg)
                    assert root.get("role") == "img", f["sleutel"]
                    ids.add(root.get("aria-labelledby"))
                    aantal += 1
    assert aantal == 2 * 16  # every chart of the registry (the sample has no comparison)
    assert len(ids) == 16  # unique ids: all charts can sit on one page


def test_aantal_filter_masks_only_in_the_public_version():
    t = Template("{% load rapportage %}{{ a|aantal:publiek }}|{{ b|aantal:publiek }}|{{ c|aantal:publiek }}|{{ d|aantal:publiek }}")
    assert t.render(Context({"a": 1, "b": 2, "c": 3, "d": 12345, "publiek": True})) == "&lt; 3|&lt; 3|3|12.345"
    assert t.render(Context({"a": 1, "b": 2, "c": 0, "d": 12345, "publiek": False})) == "1|2|0|12.345"


def test_figures_without_data_say_so():
    from rapportage import register, weergave

    blokken = weergave.blokken(weergave.maak(leeg()))
    html = Template('{% include "rapportage/figuren/alle.html" %}').render(Context({"blokken": blokken, "publiek": False}))
    # Every figure but the key figures, which show their zeros (the sample has no comparison).
    assert html.count("Geen gegevens in deze periode") == len(register.FIGUREN) - 2
    assert "<svg" not in html


def test_a_long_period_names_the_years_instead_of_every_month():
    maanden = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]
    rows = [(f"{m} {jaar}", 1 if m == "mrt" else 0) for jaar in (2024, 2025, 2026) for m in maanden]
    texts = _texts(g.column_chart(rows, chart_id="lang", title="t"))
    assert texts == ["2024", "2025", "2026"]  # no 36 overlapping month names and zeros
    titles = [t.text for t in _tree(g.column_chart(rows, chart_id="lang", title="t")).iter(f"{SVG}title")]
    assert "mrt 2025: 1" in titles  # each column still says what it is


# --- Values masked by the caller (secondary suppression) ---------------------------------------


def _masked_rects(svg):
    return [r for r in _rects(svg) if r.get("stroke-dasharray")]


def test_a_masked_value_is_drawn_as_a_masked_bar_with_its_mark_and_off_the_scale():
    svg = g.bar_chart([("Wonen", 400), ("Zorg", g.GEHEIM_KLEIN), ("Werk", g.GEHEIM)], chart_id="s", title="t")
    texts = _texts(svg)
    assert "< 3" in texts and "×" in texts and "400" in texts
    masked = _masked_rects(svg)  # two bars and the swatch of the note
    assert len(masked) == 3 and {r["width"] for r in masked} == {str(g.MASK_LENGTH)}
    # The scale is that of the one shown value: 400 takes the whole plot.
    plot = g.WIDTH - (220 + 10) - 90
    assert [float(r["width"]) for r in _bars(svg) if not r.get("stroke-dasharray")] == [plot]
    # The note explains both marks.
    assert "minder dan 3: niet op schaal getekend" in texts
    assert "×: niet getoond, zodat een klein aantal niet uit een totaal is terug te rekenen" in texts


def test_the_note_explains_only_the_marks_shown():
    alleen_kruis = _texts(g.column_chart([("jan", 40), ("feb", g.GEHEIM)], chart_id="c", title="t"))
    assert "×" in alleen_kruis and "minder dan 3: niet op schaal getekend" not in alleen_kruis
    assert "×: niet getoond, zodat een klein aantal niet uit een totaal is terug te rekenen" in alleen_kruis
    alleen_klein = _texts(g.column_chart([("jan", 40), ("feb", 2)], chart_id="c", title="t", publiek=True))
    assert "minder dan 3: niet op schaal getekend" in alleen_klein
    assert not any(t.startswith("×") for t in alleen_klein)
    geen = _texts(g.column_chart([("jan", 40), ("feb", 2)], chart_id="c", title="t"))
    assert "minder dan 3: niet op schaal getekend" not in geen


def test_every_chart_draws_a_masked_value_even_without_publiek():
    column = g.column_chart([("jan 2026", 400), ("feb 2026", g.GEHEIM)], chart_id="c", title="t")
    assert "×" in _texts(column) and len(_masked_rects(column)) == 2
    grouped = g.grouped_bar_chart([("Wonen", [7, g.GEHEIM, g.GEHEIM_KLEIN])], ["a", "b", "c"], chart_id="gr",
                                  title="t", kind=g.COUNT)
    texts = _texts(grouped)
    assert "7" in texts and "×" in texts and "< 3" in texts and len(_masked_rects(grouped)) == 3
    assert g.count_text(g.GEHEIM) == "×" and g.value_text(g.GEHEIM_KLEIN, g.COUNT) == "< 3"
    assert g.value_text(g.GEHEIM, g.MONEY) == "×"


def test_the_stacked_total_is_the_given_total_not_the_sum_of_the_segments():
    rows = [("Portefeuillehouder", [g.GEHEIM_KLEIN, g.GEHEIM, 6]), ("College", [3, 4, 5])]
    svg = g.stacked_bar_chart(rows, ["Open", "Akkoord", "Afgewezen"], chart_id="e", title="t", totals=[13, g.GEHEIM])
    texts = _texts(svg)
    assert "13" in texts  # the total the suppression allows
    assert "12" not in texts  # not 3 + 4 + 5 of the second row
    assert texts.count("×") == 2  # a segment and the second total
    titles = [t.text for t in _tree(svg).iter(f"{SVG}title")]
    assert "Portefeuillehouder: 13" in titles and "College: ×" in titles
    # Without totals a row with a masked segment does not add up what it shows (which would
    # give the masked segments away): its total reads "×".
    zonder = _texts(g.stacked_bar_chart(rows, ["Open", "Akkoord", "Afgewezen"], chart_id="e", title="t"))
    assert "12" in zonder and zonder.count("×") == 2 and "< 3" in zonder
