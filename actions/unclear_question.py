"""What the assistant does with a message it could not answer with confidence.

It runs for `out_of_scope` and for `nlu_fallback` (the FallbackClassifier found no clear
intent, or a pipeline component found a message in another language). A wrong "can't help"
to an e-filing question is the worst answer a help desk can give, so the message itself is
read before declining:

1. a message without words (empty, "!!!") gets the help menu; one in a language other than
   English and Spanish gets one short notice in both, with the clerk's numbers; one that
   goes on from the last answer ("what if I owe less?") gets the topic in focus again
   (understanding/focus.py);
2. two close topics, or a message naming e-filing matters (PACER, CM/ECF, login, password,
   the clerk's office, hours, fees...) get "Did you mean ...?" with the closest topics as
   buttons (the first stage of a two-stage fallback: a click sends the topic's intent,
   which its rule answers); a visitor who types the choice instead ("the cm/ecf one, not
   pacer", "the second") gets the topic picked, and so does a correction whose words, with
   the question it corrects, choose one of the two;
3. a question about a visitor's own bankruptcy case gets the refusal of legal advice, which
   points to a lawyer and the clerk's office, when it asks for advice
   (understanding/legal_line.py); one that asks for information (a fee, a form, where to
   file) gets its nearest topics;
4. only the rest is declined as off-topic, with both clerk's office numbers.

Near misses (a bank password, store hours, traffic court, a divorce) name other
institutions or subjects; they cancel the weaker e-filing words, so they are declined. The
vocabularies are data, in unclear_question.yml beside this module, in English and Spanish.
Everything composed here is said in the conversation's language (the slot `language`); the
responses it sends (the decline, the refusal of legal advice, the help menu) have their own
Spanish variations in domain.yml.
"""

import re
from typing import Any, Dict, List, Pattern, Set

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.settings import load_settings
from answers import titles, topics
from understanding import focus
from understanding.language import ENGLISH_LANGUAGE, SPANISH_LANGUAGE, plain, spoken
from understanding.legal_line import ADVICE, side

SETTINGS = load_settings(__file__)
# The topics that can be offered, with their button titles (answers/topics.yml).
TOPIC_TITLES = titles()
TOPIC_RESPONSES = {topic.intent: topic.response for topic in topics() if topic.response}
OUT_OF_SCOPE_INTENT = "out_of_scope"
# A message going on from the last answer gets the topic in focus when the classifier ranks
# it at least this high.
CONTINUED_RANK = 3
FOLLOW_UP = "follow_up"
LATIN_LETTER = re.compile(r"[A-Za-z]")
FUNCTION_WORDS = set(SETTINGS["function_words"].split())
ORDINAL_FILLERS = set(SETTINGS["ordinal_fillers"])
# "Did you mean" in each language: a reply after either offered its topics.
ASK_TEXTS = {SETTINGS.wording(language)["ask_text"] for language in ("en", "es")}
# Set by nlu_components/language.py on a message in another language.
LANGUAGE_KEY, OTHER_LANGUAGE = "language", "other"


def any_of(words: List[str]) -> Pattern[str]:
    """One case-insensitive pattern matching any of the words or phrases at word bounds."""
    return re.compile(r"(?<![\w/-])(?:" + "|".join(words) + r")(?![\w/-])", re.I)


E_FILING, OWN_CASE = "e_filing_words", "own_case_words"
NEAR_MISSES = any_of([word for group in SETTINGS["near_misses"].values() for word in group])
ELSEWHERE = any_of(SETTINGS["near_misses"]["elsewhere"])
# Strong words first: "will filing stop my wage garnishment" is about a case, though
# "filing" alone would suggest e-filing.
VOCABULARY = [
    (subject, strength, any_of(SETTINGS[subject][strength]))
    for strength in ("strong", "weak")
    for subject in (E_FILING, OWN_CASE)
]


def subject_of(text: str) -> str | None:
    """E_FILING, OWN_CASE or None: what the message is about, by its words. Strong words
    decide; weak ones only when no near miss (another institution or subject) is named."""
    text = plain(text)
    for subject, strength, words in VOCABULARY:
        if words.search(text) and (strength == "strong" or not NEAR_MISSES.search(text)):
            return subject
    return None


def is_near_miss(text: str) -> bool:
    """Names another institution or subject and no strong e-filing word: "how do I file a
    small claims case" is not helped by topics that share its words."""
    strong_e_filing, text = VOCABULARY[0][2], plain(text)
    return bool(NEAR_MISSES.search(text)) and not strong_e_filing.search(text)


def is_about_elsewhere(text: str) -> bool:
    """Names something that is never this court's e-filing (the IRS, a state court, child
    support) and no word of e-filing or of a bankruptcy case: off-topic, whatever topic the
    classifier is sure of. Banks and credit unions, this court's creditors, do not count."""
    return bool(ELSEWHERE.search(plain(text))) and subject_of(text) is None


def offerable(intent_ranking: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
    """Ranked intents that are topics or out_of_scope; small talk such as greet is skipped:
    "hi, I lost my password" is still about passwords."""
    return [
        ranked
        for ranked in intent_ranking
        if ranked.get("name") in TOPIC_TITLES or ranked.get("name") == OUT_OF_SCOPE_INTENT
    ]


def close_topics(intent_ranking: List[Dict[str, Any]]) -> List[str]:
    """The two best intents when both are topics holding enough of the confidence together,
    else []: the classifier hesitated between two topics."""
    best = offerable(intent_ranking)[:2]
    if len(best) < 2 or any(ranked["name"] == OUT_OF_SCOPE_INTENT for ranked in best):
        return []
    combined = sum(ranked.get("confidence", 0.0) for ranked in best)
    if combined < SETTINGS["min_combined_confidence"]:
        return []
    return [ranked["name"] for ranked in best]


def nearest_topics(intent_ranking: List[Dict[str, Any]]) -> List[str]:
    """The topics the classifier ranked highest, out_of_scope left aside."""
    topics = [r["name"] for r in offerable(intent_ranking) if r["name"] != OUT_OF_SCOPE_INTENT]
    return topics[: SETTINGS["topics_offered"]]


def topic_buttons(intents: List[str], language: str = "en") -> List[Dict[str, str]]:
    """Buttons that send each topic's intent directly, plus one for "something else", titled
    in `language`."""
    said = titles(language)
    buttons = [{"title": said[intent], "payload": f"/{intent}"} for intent in intents]
    something_else = SETTINGS.wording(language)["none_of_these_title"]
    buttons.append({"title": something_else, "payload": f"/{OUT_OF_SCOPE_INTENT}"})
    return buttons


def did_you_mean(intents: List[str], language: str = "en") -> Dict[str, Any]:
    """The "Did you mean" message offering `intents`, in `language`."""
    ask = SETTINGS.wording(language)["ask_text"]
    return {"text": ask, "buttons": topic_buttons(intents, language)}


def other_language_notice(language: str = "en") -> str:
    """The notice to a message in a third language: in English and in Spanish, the
    conversation's language first, with the clerk's numbers."""
    first = spoken(language)
    second = SPANISH_LANGUAGE if first == ENGLISH_LANGUAGE else ENGLISH_LANGUAGE
    return "\n".join(SETTINGS.wording(lang)["other_language_notice"] for lang in (first, second))


def last_offer(tracker: Tracker) -> List[str]:
    """The topics the assistant offered just before the visitor's latest message, if its last
    reply was "Did you mean ...?"."""
    before_latest = False
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            if before_latest:
                return []
            before_latest = True
        elif event.get("event") == "bot" and before_latest:
            if event.get("text") not in ASK_TEXTS:
                return []
            buttons = (event.get("data") or {}).get("buttons") or []
            payloads = [button.get("payload", "").lstrip("/") for button in buttons]
            return [intent for intent in payloads if intent in TOPIC_TITLES]
    return []


def previous_question(tracker: Tracker) -> str:
    """What the visitor wrote before the latest message ("" when nothing)."""
    texts = [e.get("text") or "" for e in tracker.events if e.get("event") == "user"]
    return texts[-2] if len(texts) > 1 else ""


def corrected_pick(
    tracker: Tracker, text: str, offered: List[str], language: str = "en"
) -> str | None:
    """Of two close topics, the one a correction and the question it corrects choose
    together: "how do I pay", then "I mean the filing fee, not PACER" (a fee is in both
    topics offered, paying in one)."""
    if not offered or not focus.is_correction(text):
        return None
    return pick_from_offer(f"{previous_question(tracker)} {text}", offered, language)


def words(text: str) -> List[str]:
    """Lower-case words without accents and without the negated ones: "the ecf one, not
    pacer" -> the, ecf, one; "la de ecf, no la de pacer" -> la, de, ecf."""
    negated = r"\b(not|no|isn'?t)\s+((the|el|la|los|las|lo)\s+)?((de|del)\s+)?\w+"
    text = re.sub(negated, " ", plain(text))
    return re.findall(r"[a-z0-9]+", text)


def stem(word: str) -> str:
    """A word without its ending, so that "upgrade it" chooses "Upgrading a PACER account"
    and "linked" chooses "Linking CM/ECF to PACER"."""
    for ending in ("ing", "ed", "es", "s", "e"):
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return word[: -len(ending)]
    return word


def content_stems(text: str) -> Set[str]:
    """The stems of the words that can tell titles apart: "do", "i" or "my" in a typed
    reply must not choose "Do I need my own PACER account?"."""
    return {stem(word) for word in words(text) if word not in FUNCTION_WORDS}


def pick_from_offer(text: str, offered: List[str], language: str = "en") -> str | None:
    """The offered topic the visitor's words choose: by position ("the second one", "la
    segunda") or by a word of its title, as offered in `language`, that no other offered
    title has ("the cm/ecf one" -> Lost CM/ECF login or password). None when the words do
    not choose exactly one."""
    said = words(text)
    for position, ordinals in enumerate(SETTINGS["ordinals"]):
        chosen = set(said) <= set(map(str, ordinals)) | ORDINAL_FILLERS
        if said and chosen and position < len(offered):
            return offered[position]
    typed = content_stems(text)
    offered_titles = titles(language)
    title_stems = {intent: content_stems(offered_titles[intent]) for intent in offered}
    chosen = [
        intent
        for intent in offered
        if typed
        & (title_stems[intent] - set().union(*(title_stems[o] for o in offered if o != intent)))
    ]
    return chosen[0] if len(chosen) == 1 else None


def response_of(intent: str | None) -> str | None:
    """The response that answers a topic, when it has one (utter_<intent>; a topic answered
    by an action has none). Read from answers/topics.yml, so that Rasa need not send the
    domain with every call (selective domain, endpoints.yml)."""
    return TOPIC_RESPONSES.get(intent or "")


def has_words(text: str) -> bool:
    """A letter or digit of any script: "!!!" and ":)" have none and get the help menu, not
    "English only" or a decline."""
    return any(character.isalnum() for character in text)


def in_another_language(message: Dict[str, Any], text: str) -> bool:
    return message.get(LANGUAGE_KEY) == OTHER_LANGUAGE or not LATIN_LETTER.search(text)


def is_button_payload(text: str) -> bool:
    """ "/out_of_scope" is the "Something else" button, not words to read."""
    return text.startswith("/")


def continued_topic(tracker: Tracker, text: str) -> str | None:
    """The topic in focus, when the message goes on from its answer ("what if I owe less?",
    "so what does each of them need?"), the classifier ranks that topic or a follow-up among
    its first guesses, and the message asks neither legal advice nor about another
    institution: the answer in focus covers the variant asked better than "Did you mean"
    would."""
    topic = tracker.get_slot("focus_topic")
    ranking = tracker.latest_message.get("intent_ranking") or []
    guesses = [ranked.get("name") for ranked in ranking if ranked.get("name") != "nlu_fallback"]
    leaning = topic in guesses[:CONTINUED_RANK] or FOLLOW_UP in guesses[:2]
    if not (leaning and response_of(topic) and focus.continues(text)):
        return None
    return None if is_about_elsewhere(text) or side(text) == ADVICE else topic


class ActionHandleUnclearQuestion(Action):
    """Offer the closest topics, refuse legal advice, or decline: never a flat decline to a
    message about e-filing."""

    def name(self) -> str:
        return "action_handle_unclear_question"

    async def run(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: Dict[str, Any],
    ) -> List[Dict[str, Any]]:
        message = tracker.latest_message
        text = (message.get("text") or "").strip()
        ranking = message.get("intent_ranking") or []
        language = spoken(tracker.get_slot("language"))
        offered, subject = close_topics(ranking), subject_of(text)
        picked = response_of(pick_from_offer(text, last_offer(tracker), language))
        corrected = response_of(corrected_pick(tracker, text, offered, language))
        if picked:
            dispatcher.utter_message(response=picked)
        elif not has_words(text):
            dispatcher.utter_message(response="utter_help")
        elif in_another_language(message, text):
            dispatcher.utter_message(text=other_language_notice(language))
        elif is_button_payload(text):
            dispatcher.utter_message(response="utter_out_of_scope")
        elif continued_topic(tracker, text):
            dispatcher.utter_message(response=response_of(continued_topic(tracker, text)))
        elif corrected:
            dispatcher.utter_message(response=corrected)
        elif offered and not is_near_miss(text):
            dispatcher.utter_message(**did_you_mean(offered, language))
        elif subject == OWN_CASE and side(text) == ADVICE:
            dispatcher.utter_message(response="utter_legal_advice")
        elif subject in (E_FILING, OWN_CASE):
            self.offer_nearest_topics(dispatcher, ranking, language)
        else:
            dispatcher.utter_message(response="utter_out_of_scope")
        return []

    @staticmethod
    def offer_nearest_topics(
        dispatcher: CollectingDispatcher, ranking: List[Dict[str, Any]], language: str = "en"
    ) -> None:
        """An e-filing question the classifier could not place: its nearest topics, or the
        help menu's topics when the ranking holds none."""
        topics = nearest_topics(ranking)
        if topics:
            dispatcher.utter_message(**did_you_mean(topics, language))
        else:
            dispatcher.utter_message(response="utter_help")
