/* marianne_kit theme: what must happen before the DSFR's script (deferred) runs.
 * Loaded in <head>, not deferred. */
(function () {
  "use strict";
  var root = document.documentElement;

  /* 1. The reader's display setting (light, dark or system) applied before the first
   * paint: until the DSFR's script applies it, a reader who chose dark would see the
   * page light for a moment. The DSFR's Scheme rule: the stored choice (localStorage
   * "scheme"), else the page's data-fr-scheme; "system" follows the system. */
  var scheme = null;
  try {
    scheme = window.localStorage.getItem("scheme");
  } catch (error) {
    scheme = null; /* storage refused (privacy settings): the page's default */
  }
  if (scheme !== "dark" && scheme !== "light" && scheme !== "system") {
    scheme = root.getAttribute("data-fr-scheme");
  }
  var dark = scheme === "dark" || (scheme !== "light" && !!window.matchMedia &&
    window.matchMedia("(prefers-color-scheme: dark)").matches);
  root.setAttribute("data-fr-theme", dark ? "dark" : "light");
  if (dark) {
    root.style.colorScheme = "dark";
  }

  /* 2. The header's search bar and menu become DSFR modals (dialogs) on a phone, named
   * after the button that opens them (the DSFR's template: aria-labelledby). In the
   * HTML that name is invalid on a plain div (the desktop header), so the templates
   * write it as data-mk-labelledby and it is set here, once the document is parsed and
   * before deferred scripts run: the DSFR finds its modals named (no console warning). */
  document.addEventListener("readystatechange", function () {
    if (document.readyState !== "interactive") {
      return;
    }
    var modals = document.querySelectorAll(".fr-modal[data-mk-labelledby]");
    for (var i = 0; i < modals.length; i += 1) {
      modals[i].setAttribute("aria-labelledby", modals[i].getAttribute("data-mk-labelledby"));
    }
  });
})();
