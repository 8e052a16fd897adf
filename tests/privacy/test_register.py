"""docs/privacy.md, the processing register entry, stays true: its retention table names every
kind of record with the term OMO applies (`settings.OMO_BEWAARTERMIJNEN`) and the default in
`.env.example`, and nothing else."""

import re
from pathlib import Path

from django.conf import settings

from privacy.models import Bewaarsoort

ROOT = Path(settings.BASE_DIR)
# | Afgesloten casus | `casus` | `OMO_BEWAAR_CASUS_MAANDEN` | 24 | ... |
RIJ = re.compile(r"^\|[^|]*\|\s*`(?P<soort>\w+)`\s*\|\s*`(?P<instelling>OMO_BEWAAR_\w+)`\s*\|\s*(?P<maanden>[^|]*?)\s*\|")
ENV = re.compile(r"^(?P<instelling>OMO_BEWAAR_(?P<soort>\w+)_MAANDEN)=(?P<maanden>.*)$")


def _register() -> dict[str, tuple[str, str]]:
    """{soort: (setting name, months as written)} from the table under "## Bewaartermijnen"."""
    tekst = (ROOT / "docs" / "privacy.md").read_text(encoding="utf-8")
    sectie = tekst.split("## Bewaartermijnen", 1)[1].split("\n## ", 1)[0]
    rijen = {}
    for regel in sectie.splitlines():
        match = RIJ.match(regel)
        if match:
            assert match["soort"] not in rijen, f"{match['soort']} staat twee keer in de tabel"
            rijen[match["soort"]] = (match["instelling"], match["maanden"])
    return rijen


def _env_example() -> dict[str, str]:
    rijen = {}
    for regel in (ROOT / ".env.example").read_text(encoding="utf-8").splitlines():
        match = ENV.match(regel.strip())
        if match:
            rijen[match["soort"].lower()] = match["maanden"].strip()
    return rijen


def test_the_register_names_every_kind_with_the_term_of_the_settings_and_env_example():
    register = _register()
    env = _env_example()
    termijnen = settings.OMO_BEWAARTERMIJNEN
    assert set(register) == set(termijnen), (
        f"ontbreekt in docs/privacy.md: {sorted(set(termijnen) - set(register))}; "
        f"onbekend: {sorted(set(register) - set(termijnen))}"
    )
    assert set(termijnen) == set(Bewaarsoort.values) == set(env)
    for soort, (instelling, maanden) in register.items():
        assert instelling == f"OMO_BEWAAR_{soort.upper()}_MAANDEN", soort
        assert maanden.isdigit(), f"{soort}: '{maanden}' is geen aantal maanden"
        assert int(maanden) == termijnen[soort], f"{soort}: docs {maanden}, instelling {termijnen[soort]}"
        assert int(maanden) == int(env[soort]), f"{soort}: docs {maanden}, .env.example {env[soort]}"


def test_a_missing_or_different_term_is_caught(tmp_path, monkeypatch):
    """The check itself fails on a register that left a kind out or states another term."""
    origineel = (ROOT / "docs" / "privacy.md").read_text(encoding="utf-8")
    (tmp_path / "docs").mkdir()
    (tmp_path / ".env.example").write_text((ROOT / ".env.example").read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setattr(f"{__name__}.ROOT", tmp_path)

    zonder = "\n".join(r for r in origineel.splitlines() if "`OMO_BEWAAR_VERZOEK_MAANDEN`" not in r)
    (tmp_path / "docs" / "privacy.md").write_text(zonder, encoding="utf-8")
    try:
        test_the_register_names_every_kind_with_the_term_of_the_settings_and_env_example()
    except AssertionError as fout:
        assert "verzoek" in str(fout)
    else:
        raise AssertionError("a register without the verzoek term passed")

    anders = origineel.replace("`OMO_BEWAAR_CASUS_MAANDEN` | 24 |", "`OMO_BEWAAR_CASUS_MAANDEN` | 36 |")
    assert anders != origineel
    (tmp_path / "docs" / "privacy.md").write_text(anders, encoding="utf-8")
    try:
        test_the_register_names_every_kind_with_the_term_of_the_settings_and_env_example()
    except AssertionError as fout:
        assert "casus" in str(fout)
    else:
        raise AssertionError("a register with another casus term passed")
