// The rich-text editor's editing area is its own element (role="textbox"); the field's <label>
// points at the hidden textarea behind it. Name the editing area after that label, so screen
// readers announce "Body, edit text" rather than an unnamed text box.
(function () {
  "use strict";
  document.addEventListener("prose-editor:ready", function (event) {
    var textarea = event.detail.textarea;
    var label = textarea.id && document.querySelector('label[for="' + textarea.id + '"]');
    if (!label) return;
    if (!label.id) label.id = textarea.id + "-label";
    event.detail.editor.view.dom.setAttribute("aria-labelledby", label.id);
  });
})();
