// The court website's chat window: talks to Rasa's REST channel, one conversation per tab.
// Answers and visitor input are only ever inserted as text; links are built as elements.
"use strict";

const TIMEOUT_MS = 10000;
// A rating is sent as this intent with a `rating` entity (answers/topics.yml: rate_answer).
const RATING_PAYLOAD = (rating) => '/rate_answer{"rating": "' + rating + '"}';
// The language switch sets the conversation's `language` slot with this intent, so that the
// assistant answers in the page's language from then on.
const LANGUAGE_PAYLOAD = (language) => '/choose_language{"language": "' + language + '"}';
const STORE = {
  sender: "ianb-chat-sender",
  history: "ianb-chat-history",
  language: "ianb-chat-language",
};
// The page's texts in each language (web/page_text.yml), with the clerk's numbers and hours
// filled in by the page server: a data block in the page, so switching fetches nothing.
const PAGE_TEXT = JSON.parse(document.getElementById("page-text").textContent);
// Web addresses, bare court domains and email addresses become links.
const LINK = /(https?:\/\/[^\s<>"]+[^\s<>".,;:!?)]|\b[\w-]+(?:\.[\w-]+)*\.uscourts\.gov\b(?:\/[^\s<>"]*[^\s<>".,;:!?)])?|\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b)/g;

const log = document.getElementById("log");
const form = document.getElementById("ask");
const input = document.getElementById("question");
const languageSwitch = document.getElementById("language-switch");
// The language the page was sent in: English at "/", Spanish at "/es/".
const SERVED_LANGUAGE = document.documentElement.lang;
const DEFAULT_LANGUAGE = "en";

// The page's language: the tab's own choice (the switch) first; then a page asked for in
// another language by its address (/es/); then the browser's preferred language. Only the
// switch (or the visitor's own words) changes the conversation's language.
function startLanguage() {
  const chosen = sessionStorage.getItem(STORE.language);
  if (chosen && PAGE_TEXT[chosen]) return chosen;
  if (SERVED_LANGUAGE !== DEFAULT_LANGUAGE) return SERVED_LANGUAGE;
  return (navigator.language || "").toLowerCase().startsWith("es") ? "es" : SERVED_LANGUAGE;
}

let language = startLanguage();

// One of the page's texts, in the page's current language.
function text(key) {
  return PAGE_TEXT[language][key];
}

function otherLanguage() {
  return Object.keys(PAGE_TEXT).find((each) => each !== language);
}

// Every text on the page in the current language: elements carry the key of their text
// (data-text) or of an attribute's (data-text-placeholder, data-text-aria-label), so the
// messages' labels and the rating buttons follow too.
function showPageInLanguage() {
  document.documentElement.lang = language;
  document.title = text("title");
  document.querySelectorAll("[data-text]").forEach((element) => {
    element.textContent = text(element.dataset.text);
  });
  document.querySelectorAll("[data-text-placeholder]").forEach((element) => {
    element.placeholder = text(element.dataset.textPlaceholder);
  });
  document.querySelectorAll("[data-text-aria-label]").forEach((element) => {
    element.setAttribute("aria-label", text(element.dataset.textAriaLabel));
  });
  // The switch names the other language in that language, and links to its page.
  const other = otherLanguage();
  languageSwitch.lang = other;
  languageSwitch.hreflang = other;
  languageSwitch.href = PAGE_TEXT[other].path;
}

function senderId() {
  let id = sessionStorage.getItem(STORE.sender);
  if (!id) {
    id = (crypto.randomUUID ? crypto.randomUUID() : String(Math.random()).slice(2)) + "";
    sessionStorage.setItem(STORE.sender, id);
  }
  return id;
}

// The conversation so far, kept for the tab. (Not named `history`: that is window.history.)
function savedEntries() {
  return JSON.parse(sessionStorage.getItem(STORE.history) || "[]");
}

function remember(entry) {
  const entries = savedEntries();
  entries.push(entry);
  sessionStorage.setItem(STORE.history, JSON.stringify(entries));
}

function hrefFor(match) {
  if (match.includes("@") && !match.startsWith("http")) return "mailto:" + match;
  return match.startsWith("http") ? match : "https://" + match;
}

// Text with links, as DOM nodes: never innerHTML.
function linkified(content) {
  const fragment = document.createDocumentFragment();
  let last = 0;
  for (const match of content.matchAll(LINK)) {
    fragment.append(document.createTextNode(content.slice(last, match.index)));
    const link = document.createElement("a");
    link.href = hrefFor(match[0]);
    link.textContent = match[0];
    link.rel = "noopener";
    link.target = "_blank";
    fragment.append(link);
    last = match.index + match[0].length;
  }
  fragment.append(document.createTextNode(content.slice(last)));
  return fragment;
}

function bubble(who, content) {
  const element = document.createElement("div");
  element.className = "bubble " + who;
  const body = document.createElement("span");
  body.className = "text";
  body.append(who === "bot" ? linkified(content) : document.createTextNode(content));
  element.append(screenReaderLabel(who === "me" ? "you_said" : "assistant_said"), body);
  return element;
}

// "You said: " before a message, for screen readers; it follows the page's language.
function screenReaderLabel(key) {
  const label = document.createElement("span");
  label.className = "sr-only";
  const words = document.createElement("span");
  words.dataset.text = key;
  words.textContent = text(key);
  label.append(words, ": ");
  return label;
}

function quickReplies(buttons) {
  const row = document.createElement("div");
  row.className = "replies";
  for (const button of buttons) {
    const element = document.createElement("button");
    element.type = "button";
    element.textContent = button.title;
    element.addEventListener("click", () => send(button.payload, button.title));
    row.append(element);
  }
  return row;
}

// "Was this helpful? Yes / No" under the latest answer; a rating refers to that answer, so
// an older answer's buttons go as soon as the visitor sends anything else.
function ratingButtons() {
  const group = document.createElement("div");
  group.className = "rating";
  group.setAttribute("role", "group");
  group.dataset.textAriaLabel = "rating_group";
  group.setAttribute("aria-label", text("rating_group"));
  const question = document.createElement("span");
  question.dataset.text = "rating_question";
  question.textContent = text("rating_question");
  question.setAttribute("aria-hidden", "true");
  group.append(question);
  for (const rating of ["yes", "no"]) {
    const button = document.createElement("button");
    button.type = "button";
    button.dataset.text = "rating_" + rating;
    button.textContent = text("rating_" + rating);
    // The whole sentence as the name: Spanish puts its "no" elsewhere than English does.
    button.dataset.textAriaLabel = "rating_" + rating + "_label";
    button.setAttribute("aria-label", text("rating_" + rating + "_label"));
    button.addEventListener("click", () => send(RATING_PAYLOAD(rating), null));
    group.append(button);
  }
  return group;
}

function removeRatingButtons() {
  document.querySelectorAll(".rating").forEach((group) => group.remove());
}

function show(entry) {
  log.append(bubble(entry.who, entry.text));
  if (entry.buttons && entry.buttons.length) log.append(quickReplies(entry.buttons));
  log.scrollTop = log.scrollHeight;
}

function add(entry) {
  remember(entry);
  show(entry);
}

function typing(on) {
  let indicator = document.getElementById("typing");
  if (on && !indicator) {
    indicator = document.createElement("div");
    indicator.id = "typing";
    indicator.className = "bubble bot typing";
    indicator.dataset.text = "typing";
    indicator.textContent = text("typing");
    log.append(indicator);
    log.scrollTop = log.scrollHeight;
  } else if (!on && indicator) {
    indicator.remove();
  }
}

async function config() {
  // From the site's root: the Spanish page lives at /es/.
  const reply = await fetch("/config.json", { cache: "no-store" });
  return reply.json();
}

async function rasaUrl() {
  const { rasa_url: url } = await config();
  return url;
}

// The assistant's reply to one message, within TIMEOUT_MS. The page's language goes along as
// metadata: the REST channel writes its own messages (such as "cannot answer") in it.
async function post(message) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
  try {
    const url = (await rasaUrl()) + "/webhooks/rest/webhook";
    const reply = await fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ sender: senderId(), message, metadata: { language } }),
      signal: controller.signal,
    });
    if (!reply.ok) throw new Error("HTTP " + reply.status);
    return await reply.json();
  } finally {
    clearTimeout(timer);
  }
}

// Send one message (a payload such as "/help" may be shown as its button title, or hidden).
async function send(message, shownAs) {
  removeRatingButtons();
  if (shownAs !== null) add({ who: "me", text: shownAs || message });
  typing(true);
  try {
    const messages = await post(message);
    typing(false);
    const answers = messages.filter((part) => part.text);
    for (const part of answers) add({ who: "bot", text: part.text, buttons: part.buttons || [] });
    // Only an answer to something the visitor asked is rated; not a choice offered with
    // buttons, not the greeting, not the thanks for a rating.
    const offered = answers.some((part) => part.buttons && part.buttons.length);
    if (shownAs !== null && answers.length && !offered) log.append(ratingButtons());
    log.scrollTop = log.scrollHeight;
  } catch (error) {
    typing(false);
    add({ who: "bot", text: text("offline") });
  }
}

// The switch: the page's texts in the other language, kept for the tab (and in the address,
// so that a reload is sent in it), and the conversation told, in the same conversation: the
// log stays and the assistant's confirmation joins it.
async function switchLanguage(event) {
  event.preventDefault();
  language = otherLanguage();
  sessionStorage.setItem(STORE.language, language);
  showPageInLanguage();
  window.history.replaceState(null, "", PAGE_TEXT[language].path);
  await send(LANGUAGE_PAYLOAD(language), null);
}

function downloadTranscript() {
  const lines = savedEntries().map(
    (e) => text(e.who === "me" ? "transcript_you" : "transcript_assistant") + ": " + e.text
  );
  const blob = new Blob([lines.join("\n\n") + "\n"], { type: "text/plain" });
  const link = document.createElement("a");
  link.href = URL.createObjectURL(blob);
  link.download = text("transcript_file");
  document.body.append(link);
  link.click();
  link.remove();
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  const question = input.value.trim();
  if (!question) return;
  input.value = "";
  send(question);
});
document.getElementById("transcript").addEventListener("click", downloadTranscript);
languageSwitch.addEventListener("click", switchLanguage);

// A new conversation opens with the greeting and the topics. A page asked for in Spanish by
// its address (/es/) is a choice as plain as the switch, so the conversation is told first,
// without showing its confirmation; the browser's preference alone only sets the page's texts.
async function start() {
  showPageInLanguage();
  const earlier = savedEntries();
  if (earlier.length) {
    earlier.forEach(show);
    return;
  }
  if (SERVED_LANGUAGE !== DEFAULT_LANGUAGE && language === SERVED_LANGUAGE) {
    await post(LANGUAGE_PAYLOAD(language)).catch(() => null);
  }
  await send("/greet", null);
  await send("/help", null);
}

start();
