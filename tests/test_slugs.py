from conftest import differential
from hypothesis import given
from hypothesis import strategies as st

from generator.core.slugs import is_slug, slugify


def test_norwegian_letters() -> None:
    assert slugify("Måling av resultater") == "maling-av-resultater"
    assert slugify("Ærlig Østre Ål") == "aerlig-ostre-al"
    assert slugify("Oppsummering – neste samling") == "oppsummering-neste-samling"


def test_safe_on_windows() -> None:
    for name in ["CON", "prn", "Aux", "nul", "COM1", "lpt9"]:
        assert slugify(name) not in {"con", "prn", "aux", "nul", "com1", "lpt9"}
    assert slugify('a<b>c:"d"/e\\f|g?h*') == "a-b-c-d-e-f-g-h"


def test_never_empty_and_bounded() -> None:
    assert slugify("…", fallback="post") == "post"
    assert len(slugify("ord " * 100)) <= 60
    assert is_slug("risikoskjema") and not is_slug("Risikoskjema")


_SLUGGY = st.text(alphabet=st.sampled_from("abz019-–_ .ÆæøåßAZ\u0301\u00a0lptcomnuxr"), max_size=70)


@differential("SAMLING_SLUG_EXAMPLES", 3000)
@given(st.one_of(_SLUGGY, st.text(max_size=70), st.sampled_from(["con", "con-1", "lpt9", "side", "a" * 60, "a" * 61])))
def test_is_slug_is_slugify_leaving_the_name_as_it_is(name: str) -> None:
    assert is_slug(name) == (slugify(name) == name)
