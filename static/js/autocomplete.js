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
    window.accessibleAutocomplete.enhanceSelectElement({
      selectElement: select,
      defaultValue: chosen && chosen.value ? chosen.textContent : "",
      showAllValues: true,
      autoselect: false,
      confirmOnBlur: true,
      displayMenu: "overlay"
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
