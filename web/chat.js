// The court website's chat window: talks to Rasa's REST channel, one conversation per tab.
// Answers and visitor input are only ever inserted as text; links are built as elements.
"use strict";

const TIMEOUT_MS = 10000;
// A rating is sent as this intent with a `rating` entity (answers/topics.yml: rate_answer).
const RATING_PAYLOAD = (rating) => '/rate_answer{"rating": "' + rating + '"}';
const STORE = { sender: "ianb-chat-sender", history: "ianb-chat-history" };
// Written in index.html, where the page server fills in the clerk's numbers and hours.
const OFFLINE_TEXT = document.body.dataset.offlineMessage;
// Web addresses, bare court domains and email addresses become links.
const LINK = /(https?:\/\/[^\s<>"]+[^\s<>".,;:!?)]|\b[\w-]+(?:\.[\w-]+)*\.uscourts\.gov\b(?:\/[^\s<>"]*[^\s<>".,;:!?)])?|\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b)/g;

const log = document.getElementById("log");
const form = document.getElementById("ask");
const input = document.getElementById("question");

function senderId() {
  let id = sessionStorage.getItem(STORE.sender);
  if (!id) {
    id = (crypto.randomUUID ? crypto.randomUUID() : String(Math.random()).slice(2)) + "";
    sessionStorage.setItem(STORE.sender, id);
  }
  return id;
}

function history() {
  return JSON.parse(sessionStorage.getItem(STORE.history) || "[]");
}

function remember(entry) {
  const entries = history();
  entries.push(entry);
  sessionStorage.setItem(STORE.history, JSON.stringify(entries));
}

function hrefFor(match) {
  if (match.includes("@") && !match.startsWith("http")) return "mailto:" + match;
  return match.startsWith("http") ? match : "https://" + match;
}

// Text with links, as DOM nodes: never innerHTML.
function linkified(text) {
  const fragment = document.createDocumentFragment();
  let last = 0;
  for (const match of text.matchAll(LINK)) {
    fragment.append(document.createTextNode(text.slice(last, match.index)));
    const link = document.createElement("a");
    link.href = hrefFor(match[0]);
    link.textContent = match[0];
    link.rel = "noopener";
    link.target = "_blank";
    fragment.append(link);
    last = match.index + match[0].length;
  }
  fragment.append(document.createTextNode(text.slice(last)));
  return fragment;
}

function bubble(who, text) {
  const element = document.createElement("div");
  element.className = "bubble " + who;
  const content = document.createElement("span");
  content.className = "text";
  content.append(who === "bot" ? linkified(text) : document.createTextNode(text));
  element.append(screenReaderLabel(who === "me" ? "You said: " : "Assistant: "), content);
  return element;
}

function screenReaderLabel(text) {
  const label = document.createElement("span");
  label.className = "sr-only";
  label.textContent = text;
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
  group.setAttribute("aria-label", "Was this answer helpful?");
  const question = document.createElement("span");
  question.textContent = "Was this helpful?";
  question.setAttribute("aria-hidden", "true");
  group.append(question);
  for (const [title, rating] of [["Yes", "yes"], ["No", "no"]]) {
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = title;
    button.setAttribute("aria-label", title + ", this answer was " + (rating === "yes" ? "helpful" : "not helpful"));
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
    indicator.textContent = "The assistant is typing…";
    log.append(indicator);
    log.scrollTop = log.scrollHeight;
  } else if (!on && indicator) {
    indicator.remove();
  }
}

async function config() {
  const reply = await fetch("config.json", { cache: "no-store" });
  return reply.json();
}

async function rasaUrl() {
  const { rasa_url: url } = await config();
  return url;
}

// Send one message (a payload such as "/help" may be shown as its button title, or hidden).
async function send(message, shownAs) {
  removeRatingButtons();
  if (shownAs !== null) add({ who: "me", text: shownAs || message });
  typing(true);
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
  try {
    const url = (await rasaUrl()) + "/webhooks/rest/webhook";
    const reply = await fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ sender: senderId(), message }),
      signal: controller.signal,
    });
    if (!reply.ok) throw new Error("HTTP " + reply.status);
    const messages = await reply.json();
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
    add({ who: "bot", text: OFFLINE_TEXT });
  } finally {
    clearTimeout(timer);
  }
}

function downloadTranscript() {
  const lines = history().map((e) => (e.who === "me" ? "You: " : "Assistant: ") + e.text);
  const blob = new Blob([lines.join("\n\n") + "\n"], { type: "text/plain" });
  const link = document.createElement("a");
  link.href = URL.createObjectURL(blob);
  link.download = "court-help-desk-conversation.txt";
  document.body.append(link);
  link.click();
  link.remove();
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  const text = input.value.trim();
  if (!text) return;
  input.value = "";
  send(text);
});
document.getElementById("transcript").addEventListener("click", downloadTranscript);

async function start() {
  const earlier = history();
  if (earlier.length) {
    earlier.forEach(show);
    return;
  }
  await send("/greet", null);
  await send("/help", null);
}

start();
