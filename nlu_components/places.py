"""Office routing by place, wherever the place is in the message and however it is spelt.

Two components run after the intent classifier, both reading Iowa's places from
facts/iowa_places.yml through `actions.places` (the same logic as the routing actions):

- `PlaceFallbackExtractor` finds the places the gazetteer's exact patterns miss: a place
  whose name is also an ordinary word ("Carroll", "Independence") in a message that is
  nothing but that place or that asks which office, and misspelt names ("Dubuqe",
  "Buchannan county"), as far as an edit-distance match can safely go (see
  `Places.misspelt_place`).
- `PlaceQuestionClassifier` routes a message that names a place: one that says only where
  the visitor is becomes `inform_place`, one that also asks which office, whom to call or
  where to go becomes `which_office`, whatever the classifier thought. Both start the office form.

Spanish messages go through the same rules: the cues and filler words of places.yml include
Spanish ones ("¿qué oficina me corresponde?", "vivo en", "estoy cerca de") and are matched
with accents removed, as visitors often leave them out; "condado de Franklin" names a county
the way "Franklin County" does.

Settings (the cue words) are in places.yml beside this file.
"""

import re
from typing import Any, Dict, List, Tuple

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import ENTITIES, INTENT_RANKING_KEY
from rasa.shared.nlu.training_data.message import Message

from actions.places import COUNTY, Places
from actions.unclear_question import is_about_elsewhere
from nlu_components.overrides import RuleComponent, intent_of, load_settings, overrule
from understanding.language import plain

SETTINGS = load_settings(__file__)
PLACES = Places.load()
PLACE_ENTITIES = ("county", "city", "us_state")
FILLER_WORDS = set(SETTINGS["filler_words"].split())
ROUTING_CUES = [re.compile(cue, re.I) for cue in SETTINGS["routing_cues"]]
SERVING_VERBS = re.compile(SETTINGS["serving_verbs"], re.I)
OFFICE_WORDS = re.compile(SETTINGS["office_words"], re.I)
SPANISH_COUNTY = re.compile(SETTINGS["spanish_county"], re.I)
WORD = re.compile(r"[a-z][a-z']*")


def place_entities(message: Message) -> List[Dict[str, Any]]:
    return [e for e in message.get(ENTITIES) or [] if e.get("entity") in PLACE_ENTITIES]


def has_routing_cue(text: str) -> bool:
    """Does the message ask in so many words which office, whom to call or where to go?"""
    text = plain(text)
    return any(cue.search(text) for cue in ROUTING_CUES)


def asks_for_an_office(text: str) -> bool:
    """A routing cue, or a verb of serving with an office ("does Sioux City cover Spencer")."""
    text = plain(text)
    return has_routing_cue(text) or bool(SERVING_VERBS.search(text) and OFFICE_WORDS.search(text))


def words_besides(text: str, spans: List[Dict[str, Any]]) -> List[str]:
    """The words of `text` outside the given entity spans, lower-cased and without accents."""
    for span in sorted(spans, key=lambda entity: entity["start"], reverse=True):
        text = text[: span["start"]] + " " + text[span["end"] :]
    return WORD.findall(plain(text))


def only_a_place(text: str, spans: List[Dict[str, Any]]) -> bool:
    """True when, besides the places, the message holds only words like "I'm in" or "here"."""
    return all(word in FILLER_WORDS for word in words_besides(text, spans))


def spanish_county(text: str) -> Tuple[str, str] | None:
    """(spelling, phrase) of the county named after "condado de" ("condado de Franklin"):
    the longest run of up to three words that, with "county", is an Iowa county."""
    found = SPANISH_COUNTY.search(plain(text))
    if not found:
        return None
    words = found.group(1).split()
    for size in range(len(words), 0, -1):
        phrase = " ".join(words[:size]).rstrip(".")
        if PLACES.readings_of_spelling(f"{phrase} county"):
            return f"{phrase} county", phrase
    return None


def place_entity(text: str, spelling: str, phrase: str) -> Dict[str, Any]:
    """An entity for the place of `spelling`, written as `phrase` in `text`. A name that may
    mean a city or a county is a `city` entity: the routing actions consider both."""
    readings = PLACES.readings_of_spelling(spelling)
    found = re.search(r"\W+".join(map(re.escape, phrase.split())), text, re.I)
    start, end = found.span() if found else (0, len(text))
    return {
        "entity": "county" if {r.kind for r in readings} == {COUNTY} else "city",
        "value": readings[0].name,
        "start": start,
        "end": end,
        "extractor": "PlaceFallbackExtractor",
    }


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=False)
class PlaceFallbackExtractor(RuleComponent):
    """Finds a place the gazetteer missed: a bare ordinary-word name, or a misspelt one."""

    def process_message(self, message: Message) -> None:
        text = message.get("text") or ""
        if place_entities(message) or not text.strip():
            return
        found = self.place_in(text)
        if found:
            entity = place_entity(text, *found)
            message.set(ENTITIES, [*(message.get(ENTITIES) or []), entity])

    @staticmethod
    def place_in(text: str) -> Tuple[str, str] | None:
        """(spelling, phrase) of the place the message names, or None."""
        county = spanish_county(text)
        if county:
            return county
        words = [word for word in WORD.findall(plain(text)) if word not in FILLER_WORDS]
        whole = " ".join(words)
        if whole and PLACES.readings_of_spelling(whole):
            return whole, whole
        short = len(WORD.findall(text)) <= SETTINGS["max_words_for_misspelt_place"]
        asks = asks_for_an_office(text)
        if asks:
            named = PLACES.spelling_in_text(text)
            if named:
                return named, named
        if short or asks:
            return PLACES.misspelt_place(plain(text), ordinary_words=short and len(words) <= 2)
        return None


def hesitated_between_routing_intents(message: Message) -> bool:
    """Was the classifier's best guess, before any fallback, a routing intent, with a runner-up
    that is either another routing intent or far behind? A long message naming the
    visitor's town and asking about something else ("... in Mason City ... which of them
    must upgrade?") has that other topic close behind: it is not a routing question."""
    ranking = [r for r in message.get(INTENT_RANKING_KEY) or [] if r["name"] != "nlu_fallback"]
    if not ranking or ranking[0]["name"] not in SETTINGS["routing_intents"]:
        return False
    if len(ranking) == 1 or ranking[1]["name"] in SETTINGS["routing_intents"]:
        return True
    return ranking[1]["confidence"] < ranking[0]["confidence"] / 2


def compares_the_offices(places: List[Dict[str, Any]]) -> bool:
    """ "is there a different number for the Sioux City office than Cedar Rapids?" names both
    offices and no other place: it asks about the offices, not where the visitor is."""
    named = {str(entity.get("value")) for entity in places}
    return named == set(SETTINGS["office_cities"])


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class PlaceQuestionClassifier(RuleComponent):
    """Sends a message naming a place to office routing, whatever intent the classifier picked."""

    def process_message(self, message: Message) -> None:
        places = place_entities(message)
        text = message.get("text") or ""
        if not places or is_about_elsewhere(text):
            return
        if intent_of(message) in SETTINGS["keep_intents"] and not has_routing_cue(text):
            return
        if only_a_place(text, places):
            overrule(message, "inform_place", "the message names only a place")
        elif compares_the_offices(places):
            return
        elif asks_for_an_office(text):
            overrule(message, "which_office", "the message names a place and asks for an office")
        elif intent_of(message) == "nlu_fallback" and hesitated_between_routing_intents(message):
            overrule(message, "which_office", "the classifier hesitated between routing intents")
