// The image library picker opened by the editor's "Browse..." button: hands the chosen image's URL
// and description back to the editor window (django-prose-editor speaks CKEditor's popup protocol).
(function () {
  "use strict";
  var root = document.querySelector(".image-picker");
  if (!root) return;
  root.addEventListener("click", function (event) {
    var choice = event.target.closest(".image-picker-choice");
    if (!choice) return;
    var opener = window.opener;
    if (opener && opener.CKEDITOR && opener.CKEDITOR.tools) {
      opener.CKEDITOR.tools.callFunction(root.dataset.callback, choice.dataset.url, {
        id: choice.dataset.id,
        alternative_text: choice.dataset.alt,
      });
      window.close();
    }
  });
})();
