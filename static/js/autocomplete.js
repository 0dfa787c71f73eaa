// Long lists (nationality) become a type-ahead box: progressive enhancement of a plain <select>, which still works
// and is what the form sends. Uses the accessible-autocomplete package (served from node_modules by the build).
(function () {
  "use strict";
  if (!window.accessibleAutocomplete) {
    return;
  }
  document.querySelectorAll('select[data-module="app-autocomplete"]').forEach(function (select) {
    var id = select.id;
    var chosen = select.options[select.selectedIndex];
    // The box takes the select's id (so its label still names it); its hint and any error are read out with the
    // library's own instructions, since the library manages the box's aria-describedby itself.
    var described = (select.getAttribute("aria-describedby") || "").split(/\s+/)
      .map(function (ref) { return ref && document.getElementById(ref); })
      .filter(Boolean)
      .map(function (element) { return element.textContent.trim(); })
      .join(" ");
    window.accessibleAutocomplete.enhanceSelectElement({
      selectElement: select,
      defaultValue: chosen && chosen.value ? chosen.textContent : "",
      showAllValues: true,
      autoselect: false,
      confirmOnBlur: true,
      displayMenu: "overlay",
      tAssistiveHint: function () {
        return (described ? described + " " : "") + "When results are available use up and down arrows to review " +
          "and enter to select. Touch device users, explore by touch or with swipe gestures.";
      }
    });
    // Clearing the box clears the answer too (the library leaves the last chosen option selected).
    var form = select.form;
    if (form) {
      form.addEventListener("submit", function () {
        var input = document.getElementById(id);
        if (input && input.value.trim() === "") {
          select.value = "";
        }
      });
    }
  });
})();
