// ReDoc draws its media-type choosers as <select>s without a label, which screen readers announce as a bare
// "combo box"; each gets the name of what it chooses as ReDoc renders it.
new MutationObserver(() => {
  for (const select of document.querySelectorAll("select:not([aria-label])")) {
    select.setAttribute("aria-label", "Media type");
  }
}).observe(document.documentElement, {childList: true, subtree: true});
