"""Dutch for the texts Streamlit writes itself (buttons, dialogs, labels for screen readers).

Streamlit has no Dutch translation, so the page gets a small script that replaces its English built-in
texts (text, aria-label, title and placeholder) as soon as they appear, including the dialog shown
when the connection to the server is lost. The browser tests hold the page to this list: no English
text from it may remain visible.
"""

from __future__ import annotations

import json

TEXTS: dict[str, str] = {
    "Skip to main content": "Naar de hoofdinhoud",
    "Connection error": "Verbinding verbroken",
    "Please wait...": "Even geduld…",
    "Running...": "Bezig…",
    "Stop": "Stoppen",
    "Select all": "Alles kiezen",
    "Clear all": "Alles wissen",
    "Clear value": "Wissen",
    "No results": "Geen resultaten",
    "Choose an option": "Maak een keuze",
    "Choose options": "Maak een keuze",
    "Download as CSV": "Downloaden als CSV",
    "Search": "Zoeken",
    "Show/hide columns": "Kolommen tonen of verbergen",
    "Fullscreen": "Volledig scherm",
    "Close fullscreen": "Volledig scherm sluiten",
    "Collapse sidebar": "Zijbalk inklappen",
    "Expand sidebar": "Zijbalk uitklappen",
    "Main menu": "Menu",
    "App pages": "Pagina's",
    "Sidebar": "Zijbalk",
    "Close": "Sluiten",
    "Notifications": "Meldingen",
    "Page not found": "Pagina niet gevonden",
    "Browse files": "Bestand kiezen",
    "Drag and drop file here": "Sleep een bestand hierheen",
    "Delete": "Verwijderen",
    "Upload": "Uploaden",
    "Settings": "Instellingen",
    "Print": "Afdrukken",
    "Rerun": "Opnieuw uitvoeren",
    "Clear cache": "Cache wissen",
    "About": "Over",
    "Show password": "Wachtwoord tonen",
    "Hide password": "Wachtwoord verbergen",
    "Link to heading": "Link naar dit kopje",
    "file upload": "Bestand uploaden",
    "streamlit_folium.st_folium": "Interactieve kaart",  # the map frame's title, read out by a screen reader
}
# Texts with a variable part: a regular expression and its Dutch replacement.
PATTERNS: list[tuple[str, str]] = [
    (r"^Is Streamlit still running\?.*$", "De kaart kan de server niet bereiken. Wacht even of vernieuw de pagina."),
    (r"^You have requested page /(.*), but no corresponding file was found in the app's pages/ directory\. "
     r"Running the app's main page\.$", "De pagina /$1 bestaat niet. U ziet nu de kaart."),
    (r"^The page that you have requested does not seem to exist\. Running the app's main page\.$",
     "Deze pagina bestaat niet. U ziet nu de kaart."),
    (r"^Limit (.+) per file(.*)$", "Hoogstens $1 per bestand$2"),
    (r"^(\d+(?:\.\d+)?)\s?MB per file$", "Hoogstens $1 MB per bestand"),
    (r"^File must be (\d+(?:\.\d+)?)\s?MB or smaller\.?$", "Het bestand mag hoogstens $1 MB zijn."),
    (r"^Help for (.+)$", "Uitleg bij $1"),
    (r"^Shortcut (.+)$", "Sneltoets $1"),
]
ENGLISH = tuple(TEXTS)  # what the browser tests look for on every page, and the English of the patterns:
ENGLISH_PATTERNS = tuple(pattern for pattern, _ in PATTERNS)

_SCRIPT = """
<script>
(function () {
  if (window.wdDutch) { return; }
  var texts = %(texts)s, patterns = %(patterns)s.map(function (p) { return [new RegExp(p[0]), p[1]]; });
  function dutch(value) {
    var text = value.trim();
    if (!text) { return null; }
    if (Object.prototype.hasOwnProperty.call(texts, text)) { return value.replace(text, texts[text]); }
    for (var i = 0; i < patterns.length; i++) {
      if (patterns[i][0].test(text)) { return text.replace(patterns[i][0], patterns[i][1]); }
    }
    return null;
  }
  function translate(root) {
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    var node;
    while ((node = walker.nextNode())) {
      var nl = dutch(node.nodeValue);
      if (nl !== null && nl !== node.nodeValue) { node.nodeValue = nl; }
    }
    var named = '[aria-label],[title],[placeholder]';
    var elements = root.querySelectorAll ? Array.prototype.slice.call(root.querySelectorAll(named)) : [];
    if (root.matches && root.matches(named)) { elements.push(root); }  // an added element itself, not only within
    elements.forEach(function (el) {
      ['aria-label', 'title', 'placeholder'].forEach(function (name) {
        var value = el.getAttribute(name);
        var nl = value && dutch(value);
        if (nl !== null && nl !== undefined && nl !== value) { el.setAttribute(name, nl); }
      });
    });
  }
  document.documentElement.setAttribute('lang', 'nl');
  translate(document.body);
  new MutationObserver(function (changes) {
    changes.forEach(function (change) {
      if (change.type === 'characterData') { translate(change.target.parentNode || document.body); }
      change.addedNodes.forEach(function (node) {
        translate(node.nodeType === 1 ? node : node.parentNode || document.body);
      });
      if (change.type === 'attributes') { translate(change.target.parentNode || document.body); }
    });
  }).observe(document.body, {childList: true, subtree: true, characterData: true, attributes: true,
                             attributeFilter: ['aria-label', 'title', 'placeholder']});
  window.wdDutch = true;
})();
</script>
"""


def script() -> str:
    """The script that puts Streamlit's own texts in Dutch, with the lists above."""
    return _SCRIPT % {"texts": json.dumps(TEXTS, ensure_ascii=False),
                      "patterns": json.dumps([list(p) for p in PATTERNS], ensure_ascii=False)}
