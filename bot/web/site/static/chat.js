/*
 * Chat widget for onafhankelijke cliëntondersteuning. A gemeente embeds it with one tag:
 *
 *   <script src="https://chat.example.nl/widget/chat.js" data-bot="https://bot.example.nl"
 *           data-telefoon="14 0123" data-privacy="/privacy" defer></script>
 *
 * data-bot: origin of the Rasa server (REST channel); data-telefoon: the gemeente's number, shown when the
 * bot cannot be reached; data-privacy: the privacy page (default /privacy).
 *
 * At the natural end of a conversation (see NATURAL_ENDS) the widget asks, once and optionally, "Heeft dit gesprek
 * u geholpen?", then "Hoe kent u ons?" and "Wat kan beter?"; "Mening geven" under the log opens the same questions
 * at any time. The answers go to the bot's /webhooks/rest/mening with the conversation's key (the bot stores them
 * without the sender, the text scrubbed).
 *
 * Plain ES2020, no dependencies, no build step. Message content only ever becomes text nodes and attributes
 * of elements built here, never markup. The conversation lives in sessionStorage (this tab only) as data.
 */
(() => {
  "use strict";

  const script = document.currentScript;
  if (!script || window.ocwChat) return; // loaded twice: keep the first
  window.ocwChat = true;

  const config = {
    bot: (script.dataset.bot || new URL(script.src).origin).replace(/\/+$/, ""),
    telefoon: script.dataset.telefoon || "",
    privacy: script.dataset.privacy || "/privacy",
  };
  const WEBHOOK = `${config.bot}/webhooks/rest/webhook`;
  const ERASE_URL = `${config.bot}/webhooks/rest/verwijderen`;
  const MENING_URL = `${config.bot}/webhooks/rest/mening`;
  const STORE_KEY = "ocw-chat";
  const MAX_HISTORY = 300;
  const REPLY_TIMEOUT_MS = 60000;
  const B1 = "b1";
  const STANDAARD = "standaard";
  const ID = "ocw"; // prefix of ids and classes, so the widget does not clash with the page

  // The bot's responses after which a conversation has come to a natural end (domain.yml): the choice of
  // meedenkers (its last message), no meedenker that fits, a confirmed handover, a goodbye. The feedback
  // question is offered when the bot's turn ends with one of them (not when it goes on with a question).
  // After a handover the bot asks one more question (the questionnaire afterwards): its answer is the end then.
  const NATURAL_ENDS = new Set(["utter_na_keuze", "utter_geen_match", "utter_overdracht_bevestigd", "utter_afscheid",
                                "utter_vragenlijst_ja", "utter_vragenlijst_nee"]);
  // The answers' keys and labels, as bot/vocabulaire.py has them (CHAT_OORDELEN, BEKEND_VIA, BEKEND_VIA_B1;
  // tests/web/site/test_mening.py checks they are the same). Kept as JSON so that test can read it.
  const MENING_KEUZES = {
    "oordeel": {"ja": "Ja", "een_beetje": "Een beetje", "nee": "Nee"},
    "bekend_via": {
      "website": "Via de website van de gemeente", "huisarts": "Via de huisarts", "wijkteam": "Via het wijkteam",
      "school": "Via school", "familie": "Via familie of kennissen", "brief": "Door een brief van de gemeente",
      "anders": "Anders"
    },
    "bekend_via_b1": {
      "website": "Op de website van de gemeente", "huisarts": "Van de huisarts", "wijkteam": "Van het wijkteam",
      "school": "Van school", "familie": "Van familie of vrienden", "brief": "Uit een brief van de gemeente",
      "anders": "Anders"
    }
  };
  const MENING_MAX = 500; // the bot takes no more

  // --- state, kept per tab --------------------------------------------------------------------

  function newSender() {
    // getRandomValues also works on plain http, unlike crypto.randomUUID.
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    return "web-" + Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  }

  function freshState() {
    // key: the conversation's key from the bot's first answer; without it the bot refuses to go on or erase.
    // ended: the last bot turn was a natural end; mening: null, "gesloten" (not now) or "gegeven" (sent).
    return {
      sender: newSender(), key: null, history: [], open: false, level: STANDAARD, started: false,
      ended: false, mening: null,
    };
  }

  function isItem(item) {
    return item && (item.from === "bot" || item.from === "user") && typeof (item.text ?? "") === "string";
  }

  function loadState() {
    try {
      const saved = JSON.parse(sessionStorage.getItem(STORE_KEY) || "null");
      if (saved && typeof saved.sender === "string" && Array.isArray(saved.history)) {
        return {
          sender: saved.sender,
          key: typeof saved.key === "string" ? saved.key : null,
          history: saved.history.filter(isItem),
          open: saved.open === true,
          level: saved.level === B1 ? B1 : STANDAARD,
          started: saved.started === true,
          ended: saved.ended === true,
          mening: saved.mening === "gesloten" || saved.mening === "gegeven" ? saved.mening : null,
        };
      }
    } catch (_) {
      // unreadable or blocked storage: start afresh
    }
    return freshState();
  }

  const state = loadState();

  function save() {
    state.history = state.history.slice(-MAX_HISTORY);
    try {
      sessionStorage.setItem(STORE_KEY, JSON.stringify(state));
    } catch (_) {
      // storage full or blocked: the chat still works, it just won't survive a page load
    }
  }

  // --- building DOM nodes ----------------------------------------------------------------------

  function el(tag, attrs = {}, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs)) {
      if (value === false || value == null) continue;
      if (name === "class") node.className = value;
      else if (name === "text") node.textContent = value;
      else node.setAttribute(name, value === true ? "" : String(value));
    }
    for (const child of children) {
      if (child != null) node.append(child);
    }
    return node;
  }

  function srOnly(text) {
    return el("span", { class: `${ID}-sr`, text });
  }

  function icon(path) {
    const ns = "http://www.w3.org/2000/svg";
    const svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    svg.setAttribute("class", `${ID}-icon`);
    const p = document.createElementNS(ns, "path");
    p.setAttribute("d", path);
    svg.append(p);
    return svg;
  }

  const ICONS = {
    chat: "M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z",
    close: "M6 6l12 12M18 6L6 18",
    check: "M5 12.5l4.5 4.5L19 7.5",
  };

  // Phone numbers as the bot writes them (112, 113, 0800-0113, 0123 456 700, 06 12345678, +31 6 12345678,
  // 14 0123) and e-mail addresses become links. Guarded so that 113.nl, 9.00-12.00 or 30 dagen stay text.
  const LINKS = new RegExp(
    "([A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,})" + // 1: e-mail
    "|(^|[^\\w+@./-])" + // 2: what precedes a number (not part of a word, address or time)
    "((?:\\+31|0031)[ -]?[1-9](?:[ -]?\\d){8}" + // 3: the number: international,
    "|0[1-9](?:[ -]?\\d){8}" + //                      ten digits,
    "|0[89]00[ -]?\\d{4}(?:\\d{3})?" + //              0800/0900,
    "|14[ -]?0\\d{2,3}" + //                           a gemeente's 14 number,
    "|11[23])" + //                                    emergency and suicide prevention
    "(?![\\w@]|[.,:]\\d|\\.[A-Za-z])",
    "g",
  );

  function telHref(number) {
    return "tel:" + number.replace(/^0031/, "+31").replace(/[^\d+]/g, "");
  }

  /** Appends text to parent, with phone numbers and e-mail addresses as links; everything else as text. */
  function appendLinkified(parent, text) {
    let last = 0;
    for (const match of text.matchAll(LINKS)) {
      const [whole, email, before = "", phone] = match;
      const start = match.index + (email ? 0 : before.length);
      parent.append(text.slice(last, start));
      parent.append(email
        ? el("a", { href: `mailto:${email}`, text: email })
        : el("a", { href: telHref(phone), text: phone }));
      last = match.index + whole.length;
    }
    parent.append(text.slice(last));
  }

  // --- the widget's elements -------------------------------------------------------------------

  const root = el("aside", { class: ID, lang: "nl", "aria-label": "Chat", hidden: true });
  const launcher = el("button", {
    type: "button", class: `${ID}-launcher`, "aria-expanded": "false", "aria-controls": `${ID}-panel`,
  }, icon(ICONS.chat), el("span", { text: "Chat met ons" }));

  const title = el("h2", { id: `${ID}-title`, class: `${ID}-title`, text: "Chat over cliëntondersteuning" });
  const closeButton = el("button", { type: "button", class: `${ID}-close`, "aria-label": "Chat sluiten" },
    icon(ICONS.close), el("span", { "aria-hidden": "true", text: "Sluiten" }));
  const levelButton = el("button", {
    type: "button", class: `${ID}-tool ${ID}-level`, "aria-pressed": String(state.level === B1),
  }, el("span", { class: `${ID}-switch`, "aria-hidden": "true" }, icon(ICONS.check)), "Makkelijke taal");
  const eraseButton = el("button", { type: "button", class: `${ID}-tool ${ID}-erase` }, "Gesprek verwijderen");

  const privacyLine = el("p", { class: `${ID}-privacy` },
    "U chat met een computerprogramma, niet met een mens. Typ geen BSN of andere gegevens die niet nodig zijn. ",
    el("a", { href: config.privacy, text: "Zo gaan wij om met uw gegevens" }), ".");

  const log = el("div", {
    id: `${ID}-log`, class: `${ID}-log`, role: "log", "aria-live": "polite", "aria-label": "Gesprek",
    tabindex: "0", // scrollable with the keyboard, also when it holds no links or buttons
  });
  const typing = el("p", { class: `${ID}-typing`, role: "status" });
  // On a short screen the privacy line scrolls along with the conversation (see chat.css).
  const body = el("div", { class: `${ID}-body` }, privacyLine, log);

  const input = el("input", {
    id: `${ID}-input`, class: `${ID}-input`, type: "text", autocomplete: "off", enterkeyhint: "send",
  });
  // Always there, beside the field's label: the way to the feedback questions at any moment.
  const meningButton = el("button", { type: "button", class: `${ID}-mening-knop` }, "Mening geven");
  const form = el("form", { class: `${ID}-form`, novalidate: true },
    el("div", { class: `${ID}-form-top` },
      el("label", { for: `${ID}-input`, class: `${ID}-label`, text: "Uw bericht" }), meningButton),
    el("div", { class: `${ID}-row` }, input,
      el("button", { type: "submit", class: `${ID}-send`, text: "Verstuur" })));

  const confirmYes = el("button", { type: "button", class: `${ID}-danger`, text: "Ja, verwijderen" });
  const confirmNo = el("button", { type: "button", class: `${ID}-secondary`, text: "Nee, terug" });
  const confirmDialog = el("dialog", {
    class: `${ID}-confirm`, role: "alertdialog", "aria-labelledby": `${ID}-confirm-title`,
    "aria-describedby": `${ID}-confirm-text`,
  },
  el("h3", { id: `${ID}-confirm-title`, text: "Weet u het zeker?" }),
  el("p", {
    id: `${ID}-confirm-text`,
    text: "Het hele gesprek wordt verwijderd, bij ons en in dit venster. Heeft u om contact gevraagd, " +
      "dan trekken wij dat in. Dit kunt u niet ongedaan maken.",
  }),
  el("div", { class: `${ID}-confirm-buttons` }, confirmYes, confirmNo));

  const panel = el("section", {
    id: `${ID}-panel`, class: `${ID}-panel`, role: "dialog", "aria-modal": "false",
    "aria-labelledby": `${ID}-title`, hidden: true,
  },
  el("div", { class: `${ID}-header` },
    el("div", { class: `${ID}-titlebar` }, title, closeButton),
    el("div", { class: `${ID}-tools` }, levelButton, eraseButton)),
  body, typing, form, confirmDialog);

  root.append(launcher, panel);

  // --- rendering the conversation --------------------------------------------------------------

  const SOORT = {
    vrijwillig: { [STANDAARD]: "Vrijwilliger", [B1]: "Vrijwilliger" },
    beroepsmatig: { [STANDAARD]: "Beroepskracht", [B1]: "Doet dit als werk" },
  };

  function capitalise(word) {
    return word ? word[0].toUpperCase() + word.slice(1) : "";
  }

  function renderCard(card, level) {
    const str = (v) => (typeof v === "string" ? v : "");
    const contact = el("ul", { class: `${ID}-card-contact` });
    if (str(card.telefoon)) {
      contact.append(el("li", {}, "Bellen: ", el("a", { href: telHref(card.telefoon), text: card.telefoon })));
    }
    if (str(card.email)) {
      contact.append(el("li", {}, "Mailen: ", el("a", { href: `mailto:${card.email}`, text: card.email })));
    }
    if (str(card.spreekuur)) contact.append(el("li", {}, `Spreekuur: ${card.spreekuur}`));
    const talen = Array.isArray(card.talen) ? card.talen.filter((t) => typeof t === "string") : [];
    if (talen.length) contact.append(el("li", {}, `Spreekt ook: ${talen.map(capitalise).join(", ")}`));
    const soort = SOORT[card.soort]?.[level] || "";
    return el("div", { class: `${ID}-card` },
      el("h3", { class: `${ID}-card-naam`, text: str(card.naam) }),
      el("p", { class: `${ID}-card-wie` },
        soort ? el("span", { class: `${ID}-badge ${ID}-badge--${card.soort}`, text: soort }) : null,
        el("span", { text: str(card.organisatie) })),
      str(card.intro) ? el("p", { class: `${ID}-card-intro`, text: card.intro }) : null,
      contact);
  }

  function renderButtons(buttons) {
    const group = el("div", { class: `${ID}-buttons`, role: "group", "aria-label": "Kies een antwoord" });
    for (const b of buttons) {
      const button = el("button", { type: "button", class: `${ID}-choice`, text: b.title });
      button.addEventListener("click", () => choose(b));
      group.append(button);
    }
    return group;
  }

  /** One history item as a node; `withButtons` only for the newest bot turn (older choices no longer apply). */
  function renderItem(item, withButtons) {
    if (item.from === "user") {
      return el("div", { class: `${ID}-msg ${ID}-msg--user` }, srOnly("U: "), el("span", { text: item.text }));
    }
    const node = el("div", { class: `${ID}-msg ${ID}-msg--bot` }, srOnly("Chat: "));
    if (item.card) {
      node.classList.add(`${ID}-msg--card`);
      node.append(renderCard(item.card, item.level));
    } else {
      const text = el("span", { class: `${ID}-text` });
      appendLinkified(text, item.text || "");
      node.append(text);
    }
    if (withButtons && item.buttons?.length) node.append(renderButtons(item.buttons));
    return node;
  }

  function latestTurnStart() {
    let i = state.history.length;
    while (i > 0 && state.history[i - 1].from === "bot") i -= 1;
    return i;
  }

  function renderHistory() {
    log.replaceChildren();
    const start = latestTurnStart();
    state.history.forEach((item, i) => log.append(renderItem(item, i >= start)));
  }

  function dropButtons() {
    for (const group of log.querySelectorAll(`.${ID}-buttons`)) group.remove();
  }

  function scrollTo(node) {
    // Show the start of what is new (a long answer with cards is read from the top), in whichever of the
    // log and its wrapper scrolls at this screen size; a conversation's first message shows from the top,
    // with the privacy line.
    const box = log.scrollHeight > log.clientHeight + 1 ? log : body;
    if (node && node === log.firstElementChild) box.scrollTop = 0;
    else if (node) box.scrollTop += node.getBoundingClientRect().top - box.getBoundingClientRect().top - 8;
    else box.scrollTop = box.scrollHeight;
  }

  // --- talking to the bot ----------------------------------------------------------------------

  let busy = false; // one message at a time, so answers cannot arrive out of order
  let erasing = false;

  function setTyping(on) {
    typing.textContent = on ? "De bot typt…" : "";
  }

  function botItem(message) {
    const item = { from: "bot", text: typeof message.text === "string" ? message.text : "" };
    const custom = message.custom;
    if (custom && typeof custom === "object" && custom.type === "meedenker") item.card = custom;
    if (Array.isArray(message.buttons)) {
      item.buttons = message.buttons
        .filter((b) => b && typeof b.title === "string" && typeof b.payload === "string")
        .map((b) => ({ title: b.title, payload: b.payload }));
    }
    item.level = state.level;
    return item;
  }

  /**
   * Rasa's REST channel sends a meedenker option as its text followed by a separate `custom` message; the
   * card replaces that text. Only a text that starts with the meedenker's name is taken as the card's own.
   */
  function toItems(messages) {
    const items = [];
    for (const message of messages) {
      const item = botItem(message);
      const prev = items[items.length - 1];
      if (item.card && !item.text && prev && !prev.card && !prev.buttons?.length &&
          typeof item.card.naam === "string" && item.card.naam && prev.text.startsWith(item.card.naam)) {
        prev.card = item.card;
        continue;
      }
      if (item.text || item.card || item.buttons?.length) items.push(item);
    }
    return items;
  }

  /** The bot refused the conversation's key (an old or foreign one): nothing of it can be continued. */
  class KeyRefused extends Error {
    constructor(said) {
      super("key refused");
      this.said = typeof said === "string" && said ? said : RESTARTED;
    }
  }

  async function post(message, metadata, url = WEBHOOK) {
    const request = { sender: state.sender, message };
    if (state.key) request.sleutel = state.key;
    if (metadata) request.metadata = metadata;
    // A bot that hangs gets the same plain message as one that is down (the inwoner has no time limit).
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(), REPLY_TIMEOUT_MS);
    try {
      const response = await fetch(url, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(request),
        credentials: "omit",
        referrerPolicy: "no-referrer",
        signal: timeout.signal,
      });
      if (response.status === 403) {
        const said = await response.json().then((m) => m?.[0]?.text, () => null);
        throw new KeyRefused(said);
      }
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const messages = await response.json();
      if (!Array.isArray(messages)) throw new Error("unexpected answer");
      const valid = messages.filter((m) => m && typeof m === "object");
      // The first answer of a conversation carries its key: kept with the sender id, never shown.
      const key = valid.find((m) => m.custom?.type === "gesprek" && typeof m.custom.sleutel === "string");
      if (key) {
        state.key = key.custom.sleutel;
        save();
      }
      return valid.filter((m) => m.custom?.type !== "gesprek");
    } finally {
      clearTimeout(timer);
    }
  }

  const UNREACHABLE = "Het lukt nu niet om de chat te bereiken. Uw bericht is niet verstuurd.";
  const RESTARTED = "Het vorige gesprek kon niet verder. Er is een nieuw gesprek begonnen: typ uw vraag opnieuw.";

  /** A notice from the widget itself (not kept in the history), always with a way to reach a person. */
  function showError(what = UNREACHABLE) {
    const note = el("div", { class: `${ID}-msg ${ID}-msg--error` });
    const text = el("span", { class: `${ID}-text` });
    const bel = config.telefoon ? ` Of bel de gemeente: ${config.telefoon}.` : "";
    appendLinkified(text, `${what} Probeer het over een paar minuten opnieuw.${bel}`);
    note.append(text);
    log.append(note);
    scrollTo(note);
  }

  /** Records and shows the bot's answer; the log scrolls to `from` (the inwoner's message) or the answer. */
  function addBotTurn(items, from) {
    dropButtons(); // answered: the earlier choices no longer apply
    state.history.push(...items);
    save();
    let first = null;
    items.forEach((item, i) => {
      const node = renderItem(item, true);
      if (i === 0) first = node;
      log.append(node);
    });
    if (meningNode) log.append(meningNode); // the feedback questions stay below the conversation
    scrollTo(from || first);
  }

  /**
   * Sends `message` (shown in the log as `shown`, if given) and adds the answer. Returns false when the bot
   * could not be reached: then nothing was recorded and the caller keeps what the inwoner typed.
   */
  async function send(message, shown, metadata, keepMening = false) {
    if (busy) return false;
    busy = true;
    for (const old of log.querySelectorAll(`.${ID}-msg--error`)) old.remove();
    // The conversation goes on: the feedback questions step aside (what was filled in is kept for later),
    // unless only the language changes.
    const hadMening = meningNode !== null;
    hideMening();
    let bubble = null;
    if (shown) {
      bubble = renderItem({ from: "user", text: shown }, false);
      log.append(bubble);
      scrollTo(bubble);
    }
    setTyping(true);
    let messages;
    try {
      messages = await post(message, metadata);
    } catch (error) {
      bubble?.remove(); // not sent, so not part of the conversation; the question and its buttons still stand
      setTyping(false);
      busy = false;
      if (hadMening) showMening(false);
      if (error instanceof KeyRefused) {
        startAfresh(error.said);
        return false;
      }
      showError();
      return false;
    }
    if (shown) state.history.push({ from: "user", text: shown });
    state.started = true;
    setTyping(false);
    // The bot says which level it now speaks, also after a typed request: the switch follows.
    const level = messages.find((m) => m?.custom?.type === "taalniveau")?.custom.taalniveau;
    if (level === B1 || level === STANDAARD) setLevel(level);
    state.ended = endsNaturally(messages);
    addBotTurn(toItems(messages), bubble);
    busy = false;
    if ((keepMening && hadMening) || (state.ended && !state.mening)) showMening(false);
    return true;
  }

  /** Whether the bot's turn ends with one of the responses that close a conversation (NATURAL_ENDS). */
  function endsNaturally(messages) {
    const said = messages.filter((m) => typeof m.text === "string" && m.text);
    const last = said[said.length - 1];
    return Boolean(last && NATURAL_ENDS.has(last.utter_action));
  }

  function setLevel(level) {
    state.level = level;
    levelButton.setAttribute("aria-pressed", String(level === B1));
    save();
  }

  async function changeLevel(level, shown) {
    const previous = state.level;
    setLevel(level);
    if (!(await send("/vraag_makkelijke_taal", shown, { taalniveau: level }, true))) setLevel(previous);
  }

  function choose(button) {
    input.focus(); // the buttons are about to go; keep the keyboard user in a known place
    if (button.payload.startsWith("/vraag_makkelijke_taal")) {
      changeLevel(B1, button.title);
    } else {
      send(button.payload, button.title);
    }
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text || busy) return;
    input.value = "";
    if (!(await send(text, text))) {
      // Nothing is lost: what was typed goes back into the field (before anything typed since).
      input.value = input.value ? `${text} ${input.value}` : text;
    }
  });

  levelButton.addEventListener("click", () => {
    if (busy) return;
    const level = state.level === B1 ? STANDAARD : B1;
    changeLevel(level, level === B1 ? "Makkelijke taal aan" : "Makkelijke taal uit");
  });

  // --- erasing the conversation ----------------------------------------------------------------

  eraseButton.addEventListener("click", () => {
    if (busy) return;
    confirmDialog.showModal();
    confirmNo.focus(); // the safe choice first
  });
  confirmNo.addEventListener("click", () => confirmDialog.close());
  confirmDialog.addEventListener("close", () => {
    if (!panel.hidden && !erasing) eraseButton.focus();
  });

  function startAfresh(said) {
    // A new sender id: whatever comes next is a new conversation for the bot too.
    Object.assign(state, freshState(), { open: true, level: state.level });
    if (said) state.history.push({ from: "bot", text: said, level: state.level });
    save();
    meningNode = null;
    resetMening();
    renderHistory();
    input.value = "";
    input.focus();
  }

  confirmYes.addEventListener("click", async () => {
    erasing = true;
    confirmDialog.close();
    if (!state.started) {
      // The bot never saw this conversation: there is nothing to erase but what is in this tab.
      erasing = false;
      startAfresh("Het gesprek is verwijderd.");
      return;
    }
    busy = true;
    setTyping(true);
    let messages = null;
    try {
      // The bot's erase address works in any state of the conversation, also in the middle of questions.
      messages = await post("", { taalniveau: state.level }, ERASE_URL);
    } catch (error) {
      if (error instanceof KeyRefused) {
        // This tab cannot prove the conversation is its own (an old key): the bot says what happens to it.
        setTyping(false);
        busy = false;
        erasing = false;
        startAfresh(error.said);
        return;
      }
      // not erased: everything stays as it was, and the inwoner is told
    }
    setTyping(false);
    busy = false;
    erasing = false;
    const texts = (messages || []).filter((m) => typeof m.text === "string" && m.text);
    // The bot confirms an erasure with one text and nothing else. Anything else (the bot was busy with a
    // question, say) is shown as it came, and the conversation is kept rather than wrongly said to be gone.
    if (texts.length === 1 && messages.length === 1) {
      startAfresh(texts[0].text);
      return;
    }
    if (messages) addBotTurn(toItems(messages), null);
    showError("Het gesprek is niet verwijderd.");
    eraseButton.focus();
  });

  // --- feedback on the chat ("Mening geven") ---------------------------------------------------

  const MENING_TEKST = {
    [STANDAARD]: {
      vraag: "Heeft dit gesprek u geholpen?",
      uitleg: "Antwoorden mag, het hoeft niet. Wij bewaren uw mening zonder uw naam en zonder het gesprek.",
      bekend: "Hoe kent u ons?",
      bekendUitleg: "U mag deze vraag overslaan.",
      geenAntwoord: "Zeg ik liever niet",
      beter: "Wat kan beter?",
      beterUitleg: "U mag dit leeg laten. Schrijf geen namen, telefoonnummers of andere gegevens over uzelf.",
      versturen: "Versturen",
      overslaan: "Vraag overslaan",
      annuleren: "Niet versturen",
      mislukt: "Het versturen is niet gelukt. Probeer het later nog eens.",
      dank: "Dank u wel voor uw mening. Daarmee maken wij de chat beter.",
      eerst: "U kunt uw mening geven nadat u met de chat heeft gepraat.",
    },
    [B1]: {
      vraag: "Heeft dit gesprek u geholpen?",
      uitleg: "Dit hoeft niet. Wij bewaren uw antwoord zonder uw naam.",
      bekend: "Hoe kent u ons?",
      bekendUitleg: "Dit hoeft niet.",
      geenAntwoord: "Dat zeg ik liever niet",
      beter: "Wat kan beter?",
      beterUitleg: "Dit hoeft niet. Schrijf geen namen of nummers.",
      versturen: "Versturen",
      overslaan: "Overslaan",
      annuleren: "Niet versturen",
      mislukt: "Het lukt nu niet. Probeer het later nog een keer.",
      dank: "Dank u wel! Zo maken wij de chat beter.",
      eerst: "Eerst chatten. Daarna kunt u uw mening geven.",
    },
  };

  // What the inwoner filled in so far (this page only): kept while the questions step aside.
  const mening = { oordeel: null, bekend: "", tekst: "", sending: false };
  let meningNode = null; // the feedback section, while it is in the log

  function resetMening() {
    Object.assign(mening, { oordeel: null, bekend: "", tekst: "", sending: false });
  }

  function hideMening() {
    meningNode?.remove();
    meningNode = null;
  }

  /** The feedback questions (or the thanks, or why it cannot be given yet) at the current language level. */
  function buildMening() {
    const t = MENING_TEKST[state.level];
    const section = el("section", { class: `${ID}-mening`, "aria-labelledby": `${ID}-mening-vraag` });
    if (state.mening === "gegeven" || !state.key) {
      section.removeAttribute("aria-labelledby");
      section.setAttribute("aria-label", "Mening geven");
      section.append(el("p", {
        class: `${ID}-mening-dank`, tabindex: "-1", text: state.mening === "gegeven" ? t.dank : t.eerst,
      }));
      return section;
    }
    const title = el("h3", { id: `${ID}-mening-vraag`, class: `${ID}-mening-titel`, text: t.vraag });
    const intro = el("p", { class: `${ID}-mening-hint`, text: t.uitleg });
    // Not .ocw-buttons: those are the chat's answers, which go when the bot answers.
    const oordelen = el("div", {
      class: `${ID}-mening-oordelen`, role: "group", "aria-labelledby": `${ID}-mening-vraag`,
    });
    const decline = el("button", { type: "button", class: `${ID}-secondary`, text: t.overslaan });
    const more = buildMore(t);
    for (const [key, label] of Object.entries(MENING_KEUZES.oordeel)) {
      const button = el("button", {
        type: "button", class: `${ID}-choice ${ID}-oordeel`, "data-oordeel": key,
        "aria-pressed": String(mening.oordeel === key),
      }, icon(ICONS.check), el("span", { text: label }));
      button.addEventListener("click", () => {
        mening.oordeel = key;
        for (const b of oordelen.children) b.setAttribute("aria-pressed", String(b === button));
        const first = more.hidden;
        more.hidden = false;
        decline.hidden = true;
        if (first) scrollTo(section);
      });
      oordelen.append(button);
    }
    more.hidden = mening.oordeel === null;
    decline.hidden = mening.oordeel !== null;
    decline.addEventListener("click", () => closeMening(false));
    section.append(title, intro, oordelen, more, decline);
    return section;
  }

  /** "Hoe kent u ons?" and "Wat kan beter?", both optional, and the buttons to send or not. */
  function buildMore(t) {
    const labels = state.level === B1 ? MENING_KEUZES.bekend_via_b1 : MENING_KEUZES.bekend_via;
    const choices = el("fieldset", { class: `${ID}-mening-bekend`, "aria-describedby": `${ID}-mening-bekend-hint` },
      el("legend", { text: t.bekend }),
      el("p", { id: `${ID}-mening-bekend-hint`, class: `${ID}-mening-hint`, text: t.bekendUitleg }));
    for (const [key, label] of [...Object.entries(labels), ["", t.geenAntwoord]]) {
      const radio = el("input", { type: "radio", name: `${ID}-bekend`, value: key });
      radio.checked = key !== "" && mening.bekend === key;
      radio.addEventListener("change", () => { mening.bekend = radio.value; });
      choices.append(el("label", { class: `${ID}-optie` }, radio, el("span", { text: label })));
    }
    const text = el("textarea", {
      id: `${ID}-mening-tekst`, class: `${ID}-mening-tekst`, rows: "3", maxlength: String(MENING_MAX),
      "aria-describedby": `${ID}-mening-tekst-hint`,
    });
    text.value = mening.tekst;
    text.addEventListener("input", () => { mening.tekst = text.value; });
    const problem = el("p", { class: `${ID}-mening-fout`, role: "alert" });
    const submit = el("button", { type: "submit", class: `${ID}-send`, text: t.versturen });
    const cancel = el("button", { type: "button", class: `${ID}-secondary`, text: t.annuleren });
    cancel.addEventListener("click", () => closeMening(true));
    const more = el("form", { class: `${ID}-mening-meer`, novalidate: true },
      choices,
      el("label", { for: `${ID}-mening-tekst`, class: `${ID}-mening-label`, text: t.beter }),
      el("p", { id: `${ID}-mening-tekst-hint`, class: `${ID}-mening-hint`, text: t.beterUitleg }),
      text, problem,
      el("div", { class: `${ID}-mening-knoppen` }, submit, cancel));
    more.addEventListener("submit", (event) => {
      event.preventDefault();
      sendMening(submit, problem);
    });
    return more;
  }

  /** Shows the feedback section at the end of the log; `focus`: when the inwoner asked for it (the button). */
  function showMening(focus) {
    hideMening();
    meningNode = buildMening();
    log.append(meningNode);
    if (!focus) return;
    scrollTo(meningNode);
    const target = meningNode.querySelector(`.${ID}-oordeel[aria-pressed="true"]`) ||
      meningNode.querySelector(`.${ID}-oordeel, .${ID}-mening-dank`);
    target?.focus();
  }

  /** "Vraag overslaan" or "Niet versturen": not asked again by itself; "Mening geven" still opens it. */
  function closeMening(forget) {
    if (forget) resetMening();
    state.mening = "gesloten";
    save();
    hideMening();
    input.focus();
  }

  async function sendMening(submit, problem) {
    if (mening.sending) return;
    mening.sending = true;
    submit.setAttribute("aria-disabled", "true");
    problem.textContent = "";
    const t = MENING_TEKST[state.level];
    const section = submit.closest("section");
    const sender = state.sender;
    const request = {
      sender: state.sender, sleutel: state.key, oordeel: mening.oordeel, taalniveau: state.level,
      bekend_via: mening.bekend || null, tekst: mening.tekst.trim().slice(0, MENING_MAX) || null,
    };
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(), REPLY_TIMEOUT_MS);
    let status = 0;
    let said = null;
    try {
      const response = await fetch(MENING_URL, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(request),
        credentials: "omit",
        referrerPolicy: "no-referrer",
        signal: timeout.signal,
      });
      status = response.status;
      said = await response.json().then((m) => (typeof m?.[0]?.text === "string" ? m[0].text : null), () => null);
    } catch (_) {
      // not reached: said below, and what was filled in stays
    } finally {
      clearTimeout(timer);
      mening.sending = false;
      submit.removeAttribute("aria-disabled");
    }
    if (state.sender !== sender) return; // erased meanwhile: that conversation is gone, and so is this
    if (status === 200 || status === 409) { // 409: this conversation's feedback was already in
      state.mening = "gegeven";
      save();
      resetMening();
      if (!section.isConnected) return; // the conversation went on meanwhile: "Mening geven" says thanks
      const thanks = el("p", { class: `${ID}-mening-dank`, tabindex: "-1", text: said || t.dank });
      section.replaceChildren(thanks);
      section.removeAttribute("aria-labelledby");
      section.setAttribute("aria-label", "Mening geven");
      thanks.focus();
      return;
    }
    problem.textContent = (status === 400 || status === 403) && said ? said : t.mislukt;
  }

  meningButton.addEventListener("click", () => {
    if (meningNode && meningNode.contains(document.activeElement)) return;
    showMening(true);
  });

  // --- opening and closing ---------------------------------------------------------------------

  function open() {
    panel.hidden = false;
    launcher.hidden = true;
    launcher.setAttribute("aria-expanded", "true");
    state.open = true;
    save();
    scrollTo(null);
    input.focus();
    // A new conversation starts with the bot's welcome, which says it is a program and not to type a BSN.
    if (!state.started && !state.history.length) send("/groeten");
  }

  function close() {
    if (confirmDialog.open) confirmDialog.close();
    panel.hidden = true;
    launcher.hidden = false;
    launcher.setAttribute("aria-expanded", "false");
    state.open = false;
    save();
    launcher.focus();
  }

  launcher.addEventListener("click", open);
  closeButton.addEventListener("click", close);
  panel.addEventListener("keydown", (event) => {
    // Escape in the confirmation only closes that (the dialog handles it itself).
    if (event.key === "Escape" && !confirmDialog.open) {
      event.preventDefault();
      close();
    }
  });

  // --- start -----------------------------------------------------------------------------------

  // History is rendered before the log is in the page, so a page load does not read it all out again.
  renderHistory();
  if (state.ended && !state.mening) showMening(false);
  if (state.open) {
    panel.hidden = false;
    launcher.hidden = true;
    launcher.setAttribute("aria-expanded", "true");
  }
  document.body.append(root);
  if (state.open) scrollTo(null);

  // The widget brings its own stylesheet (next to this script); show it once styled, or unstyled on failure.
  const css = el("link", { rel: "stylesheet", href: new URL("chat.css", script.src).href });
  const show = () => { root.hidden = false; };
  css.addEventListener("load", show);
  css.addEventListener("error", show);
  document.head.append(css);
})();
