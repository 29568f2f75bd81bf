/* marianne_kit theme: the reader's display setting (light, dark or system) applied
 * before the first paint. The DSFR's script applies it too, but it is deferred: until
 * it runs, a reader who chose dark sees the page light for a moment. Loaded in <head>
 * without defer; the same rule as the DSFR's Scheme: the stored choice (localStorage
 * "scheme"), else the page's data-fr-scheme, and "system" follows the system. */
(function () {
  "use strict";
  var root = document.documentElement;
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
})();
