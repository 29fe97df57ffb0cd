// Clerk page: ask Rasa's /model/parse (token-protected) what it understands, and show the
// answer that intent leads to, from the answer book (answers.json).
"use strict";

const TOKEN_KEY = "ianb-clerk-token";
const ROUTED = "(office routing: the assistant asks for, or uses, the county or town and names the office)";
const UNCLEAR = "(unclear: \"Did you mean ...?\" with the closest topics, the legal-advice refusal, or the out-of-scope answer)";
const NO_REPLY = "No answer: check the token, and that the assistant is running.";
const tokenInput = document.getElementById("token");

function setText(id, text) {
  document.getElementById(id).textContent = text;
}

function percent(confidence) {
  return (100 * confidence).toFixed(1) + "%";
}

function answerFor(intent, answers) {
  if (intent === "which_office" || intent === "inform_place") return ROUTED;
  if (intent === "nlu_fallback" || intent === "out_of_scope") return UNCLEAR;
  return answers[intent] || "(no answer found for this intent)";
}

async function ask(question) {
  const [config, answers] = await Promise.all(
    ["config.json", "answers.json"].map((file) => fetch(file, { cache: "no-store" }).then((r) => r.json()))
  );
  const token = tokenInput.value;
  sessionStorage.setItem(TOKEN_KEY, token);
  const url = config.rasa_url + "/model/parse?token=" + encodeURIComponent(token);
  // Rasa refuses a wrong token without CORS headers, so the browser sees no reply at all.
  const reply = await fetch(url, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ text: question }),
  }).catch(() => {
    throw new Error(NO_REPLY);
  });
  if (!reply.ok) throw new Error(reply.status === 401 || reply.status === 403
    ? "The token was refused." : "The assistant answered " + reply.status + ".");
  const parsed = await reply.json();
  const intent = parsed.intent || { name: "(none)", confidence: 0 };
  setText("answer", answerFor(intent.name, answers));
  setText("intent", intent.name + (parsed.overruled_by ? " (classifier overruled: " + parsed.overruled_by + ")" : ""));
  setText("confidence", percent(intent.confidence));
  setText("entities", (parsed.entities || []).map((e) => e.entity + " = " + e.value).join(", ") || "none");
  setText("ranking", (parsed.intent_ranking || []).filter((r) => r.name !== intent.name).slice(0, 4)
    .map((r) => r.name + " " + percent(r.confidence)).join(", "));
  document.getElementById("result").hidden = false;
}

document.getElementById("try").addEventListener("submit", async (event) => {
  event.preventDefault();
  const error = document.getElementById("error");
  error.hidden = true;
  try {
    await ask(document.getElementById("clerk-question").value);
  } catch (problem) {
    error.textContent = problem.message || "The assistant cannot be reached.";
    error.hidden = false;
  }
});

async function start() {
  tokenInput.value = sessionStorage.getItem(TOKEN_KEY) || "";
  const config = await fetch("config.json", { cache: "no-store" }).then((r) => r.json());
  if (!config.api_enabled) {
    document.getElementById("api-off").hidden = false;
    document.getElementById("try").hidden = true;
  }
}

start();
