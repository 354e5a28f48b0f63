"""What templates are handed ready-made: names joined, the day's entries by row, embeds by reference."""

from __future__ import annotations

from pathlib import Path

from generator.core.errors import Problems
from generator.core.model import Facilitator, FreeTime, Model, Parallel, Session, Site, SiteConfig, Text
from generator.core.model.figures import Cycle, Stage
from generator.render import Formatter, agenda
from generator.render.embeds import Embeds
from generator.render.strings import Strings
from generator.render.theme import load_theme

STRINGS = load_theme("default", Path("content"), Problems(), Path("site.yaml")).strings


def session(key: str, **more: object) -> Session:
    return Session(key, key.title(), "talk", 540, 600, True, 60, **more)  # type: ignore[arg-type]


def test_the_formatter_joins_names_roles_and_titles_and_writes_the_decks_ratio() -> None:
    fmt = Formatter("nb", ":", Strings("nb", STRINGS["nb"]))
    kari, ola = Facilitator("k", "Kari", role="Rådgiver"), Facilitator("o", "Ola", organisation="KS")
    assert fmt.names((kari, ola)) == "Kari, Ola"
    assert (fmt.about(kari), fmt.about(ola), fmt.about(Facilitator("x", "X"))) == ("Rådgiver", "KS", "")
    assert fmt.titles((session("a"), session("b"))) == "A, B"
    assert (fmt.ratio("4:3"), fmt.ratio("16:9")) == ("4 / 3", "16 / 9")
    assert (fmt.span(540, 630), fmt.duration(70)) == ("09:00–10:30", "1 t 10 min")


def test_every_entry_of_a_day_says_its_row_and_its_sessions() -> None:
    a, b = session("a"), session("b")
    parallel, free = Parallel(540, 600, (a, b)), FreeTime(600, 630)
    assert [e.row for e in (a, parallel, free)] == ["session", "parallel", "free_time"]
    assert (agenda.members(a), agenda.members(parallel), agenda.members(free)) == ((a,), (a, b), ())


def test_a_sessions_models_are_shown_after_its_text_unless_the_text_embeds_them_by_that_very_name() -> None:
    data = Cycle((Stage("Plan"), Stage("Do")))
    models = (Model("plan", "Plan", "cycle", data), Model("plan-do", "Plan, do", "cycle", data))
    site = Site(SiteConfig("Site"), (), models)
    embeds = Embeds(site, None, "g/sessions/s.html", Strings("en", STRINGS["en"]), lambda p: p)
    s = session("s", models=("plan", "plan-do", "gone"), body=Text(html="<!--samling:model:plan-do-->\n"))
    assert [m.key for m in embeds.models_after(s)] == ["plan"]  # not hidden by a longer name, unknown left out
    twice = embeds.model("plan") + embeds.model("plan")
    assert 'id="fig-plan"' in twice and 'id="fig-plan-2"' in twice  # a model shown twice: ids of its own
    assert "<!--samling" not in embeds("<p>a</p><!--samling:model:plan-->\n")
