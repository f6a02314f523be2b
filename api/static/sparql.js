// Turns the SPARQL page's plain form into YASGUI's editor (Yasqe) and results view (Yasr), both served by cskg
// from node_modules. The form stays the source of truth: the query lives in the URL (?query=), so a link
// reproduces it, and downloads go through /sparql/download.
(function () {
  "use strict";
  var Yasqe = window.Yasqe, Yasr = window.Yasr;
  var form = document.getElementById("query-form");
  var textarea = document.getElementById("query");
  if (!Yasqe || !Yasr || !form || !textarea) return;

  textarea.hidden = true;
  document.querySelector('label[for="query"]').hidden = true;
  var yasqe = new Yasqe(document.getElementById("editor"), {
    value: textarea.value,
    persistenceId: null,
    // Only completers that need no network: the Linked Open Vocabularies ones would call lov.linkeddata.es.
    autocompleters: ["variables", "prefixes"],
    prefixCcApi: "",
    requestConfig: { endpoint: "/sparql", method: "POST" },
    showQueryButton: false,
  });
  yasqe.getInputField().setAttribute("aria-label", "SPARQL query");
  var results = document.getElementById("results");
  var yasrElement = document.createElement("div");
  yasrElement.id = "yasr";
  results.parentNode.insertBefore(yasrElement, results.nextSibling);
  var yasr = new Yasr(yasrElement, { persistenceId: null, prefixes: yasqe.getPrefixesFromQuery() });

  var downloads = document.createElement("p");
  downloads.id = "downloads";
  yasrElement.parentNode.insertBefore(downloads, yasrElement);

  function showDownloads(query) {
    downloads.textContent = "Download: ";
    ["csv", "json", "tsv"].forEach(function (format, i) {
      if (i) downloads.appendChild(document.createTextNode(" · "));
      var link = document.createElement("a");
      link.href = "/sparql/download?format=" + format + "&query=" + encodeURIComponent(query);
      link.textContent = format.toUpperCase();
      downloads.appendChild(link);
    });
  }

  // Yasr's own controls come without labels; name them so screen readers can say what they are.
  function labelControls() {
    yasrElement.querySelectorAll("select:not([aria-label])").forEach(function (select) {
      select.setAttribute("aria-label", select.classList.contains("tableSizer") ? "Page size" : "Results view");
    });
    yasrElement.querySelectorAll("input:not([aria-label]):not([type=hidden])").forEach(function (input) {
      input.setAttribute("aria-label", input.getAttribute("placeholder") || "Filter results");
    });
  }

  new MutationObserver(labelControls).observe(yasrElement, { childList: true, subtree: true });

  yasqe.on("change", function () { textarea.value = yasqe.getValue(); });
  yasqe.on("query", function () {
    history.replaceState(null, "", "/sparql?query=" + encodeURIComponent(yasqe.getValue()));
  });
  yasqe.on("queryResponse", function (_, response, duration) {
    results.hidden = true;  // the server's rendering of an earlier query
    yasr.setResponse(response, duration);
    if (/^\s*(PREFIX[^\n]*\n|\s|#[^\n]*\n)*(SELECT|ASK)/i.test(yasqe.getValue())) showDownloads(yasqe.getValue());
    else downloads.textContent = "";
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    yasqe.query();
  });
})();
